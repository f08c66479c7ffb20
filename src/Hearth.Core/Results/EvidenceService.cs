using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Results;

/// <summary>
/// One fact as entered or imported, as text, with the import's column names as field names so that a page, the API and
/// the import report problems the same way.
/// </summary>
public sealed record EvidenceInput(
    string Source,
    string SourceRef,
    string Kind,
    string From,
    string To = "",
    string CouncilChildId = "",
    string Upn = "",
    string NhsNumber = "",
    string HouseholdRef = "",
    string DateOfBirth = "",
    string SessionsPossible = "",
    string AuthorisedAbsences = "",
    string UnauthorisedAbsences = "",
    string HoursPerWeek = "",
    string Code = "");

/// <summary>A validated fact, ready to store.</summary>
internal sealed record ParsedEvidence(
    EvidenceInput Input, EvidenceKind Kind, DateOnly From, DateOnly? To, string? CouncilChildId, string? Upn, string? NhsNumber, string? HouseholdRef,
    DateOnly? DateOfBirth, int? SessionsPossible, int? Authorised, int? Unauthorised, decimal? Hours, string? Code);

/// <summary>A fact as a reader sees it: who it is about, and where it came from.</summary>
public sealed record EvidenceView(Guid Id, string Subject, EvidenceKind Kind, DateOnly From, DateOnly? To, string Detail, string Source, string SourceRef, Guid? ImportId);

/// <summary>Enters, validates, matches and reads evidence. Evidence is never shown to anyone without ViewResults.</summary>
public sealed class EvidenceService(HearthDbContext db)
{
    public static readonly IReadOnlyDictionary<string, EvidenceKind> KindNames = Enum.GetValues<EvidenceKind>()
        .ToDictionary(k => SnakeCaseNames.ToSnake(k.ToString()), k => k, StringComparer.OrdinalIgnoreCase);

    private static readonly EvidenceKind[] Events =
    [
        EvidenceKind.FixedTermExclusion, EvidenceKind.PermanentExclusion, EvidenceKind.ProvenOffence, EvidenceKind.AsbIncident, EvidenceKind.AsbIntervention,
        EvidenceKind.DomesticAbuseIncident, EvidenceKind.ProgressToWork, EvidenceKind.NeedIdentified, EvidenceKind.NeedOutcomeAchieved,
    ];

    /// <summary>Headline outcome keys that need evidence may name: every shipped framework's outcomes and need rules.</summary>
    public static readonly IReadOnlySet<string> OutcomeKeys = ShippedFrameworks.All
        .SelectMany(f => f.Outcomes.Select(o => o.Key)
            .Concat(f.Eligibility.Criteria.SelectMany(c => c.AnyOf).Concat(f.Results.SelectMany(r => r.Rules)).Select(r => r.Outcome).OfType<string>()))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Checks one fact; each problem is reported against its column.</summary>
    internal static ParsedEvidence? Parse(EvidenceInput i, DateOnly today, Action<string, string> error)
    {
        var failed = false;
        void Fail(string column, string message)
        {
            failed = true;
            error(column, message);
        }
        if (i.Source.Length == 0)
        {
            Fail("source", "Enter the source of the evidence (e.g. school, police, DWP)");
        }
        else if (i.Source.Length > 100)
        {
            Fail("source", "The source must be 100 characters or fewer");
        }
        if (i.SourceRef.Length == 0)
        {
            Fail("evidence_ref", "Enter the source's reference for this fact");
        }
        else if (i.SourceRef.Length > 100)
        {
            Fail("evidence_ref", "The reference must be 100 characters or fewer");
        }
        EvidenceKind? kind = null;
        if (i.Kind.Length == 0)
        {
            Fail("kind", "Enter the kind of evidence");
        }
        else if (KindNames.TryGetValue(i.Kind, out var k))
        {
            kind = k;
        }
        else
        {
            Fail("kind", $"\"{i.Kind}\" is not a kind of evidence; use one of: {string.Join(", ", KindNames.Keys)}");
        }
        var from = Date(i.From, "from", today, Fail, required: true);
        var to = Date(i.To, "to", today, Fail, required: false);
        if (from is { } f && to is { } t && t < f)
        {
            Fail("to", "The end date must be on or after the start date (from)");
        }
        var dob = Date(i.DateOfBirth, "date_of_birth", today, Fail, required: false);
        if (i.CouncilChildId.Length == 0 && i.Upn.Length == 0 && i.NhsNumber.Length == 0)
        {
            Fail("council_child_id", "Give at least one identifier: council_child_id, upn or nhs_number");
        }
        if (i.CouncilChildId.Length > 100)
        {
            Fail("council_child_id", "The council child ID must be 100 characters or fewer");
        }
        var upn = i.Upn.Length == 0 ? null : i.Upn.ToUpperInvariant();
        if (upn is not null && !Identifiers.IsValidUpn(upn))
        {
            Fail("upn", $"\"{i.Upn}\" is not a valid UPN (a letter and 12 characters with the right check letter)");
        }
        var nhs = i.NhsNumber.Length == 0 ? null : Identifiers.NormaliseNhsNumber(i.NhsNumber);
        if (i.NhsNumber.Length > 0 && nhs is null)
        {
            Fail("nhs_number", $"\"{i.NhsNumber}\" is not a valid NHS number (10 digits with the right check digit)");
        }
        if (i.HouseholdRef.Length > 100)
        {
            Fail("household_ref", "The household reference must be 100 characters or fewer");
        }
        int? possible = Whole(i.SessionsPossible, "sessions_possible", Fail);
        int? authorised = Whole(i.AuthorisedAbsences, "authorised_absences", Fail);
        int? unauthorised = Whole(i.UnauthorisedAbsences, "unauthorised_absences", Fail);
        decimal? hours = null;
        if (i.HoursPerWeek.Length > 0)
        {
            if (decimal.TryParse(i.HoursPerWeek, NumberStyles.Number, CultureInfo.InvariantCulture, out var h) && h > 0 && h <= 100)
            {
                hours = h;
            }
            else
            {
                Fail("hours_per_week", $"\"{i.HoursPerWeek}\" is not a number of hours a week between 0 and 100");
            }
        }
        var code = i.Code.Length == 0 ? null : i.Code.ToLowerInvariant();
        if (kind is { } kk)
        {
            var isAttendance = kk == EvidenceKind.SchoolAttendance;
            if (isAttendance)
            {
                if (i.To.Length == 0)
                {
                    Fail("to", "School attendance is for a term: give the term's last day");
                }
                if (i.SessionsPossible.Length == 0)
                {
                    Fail("sessions_possible", "School attendance needs the sessions possible in the term");
                }
                else if (possible is 0)
                {
                    Fail("sessions_possible", "Sessions possible must be more than 0");
                }
                if (i.UnauthorisedAbsences.Length == 0)
                {
                    Fail("unauthorised_absences", "School attendance needs the unauthorised absences (0 if none)");
                }
                if (possible is { } p && (authorised ?? 0) + (unauthorised ?? 0) > p)
                {
                    Fail("unauthorised_absences", $"Authorised and unauthorised absences ({(authorised ?? 0) + (unauthorised ?? 0)}) are more than the sessions possible ({p})");
                }
            }
            else
            {
                foreach (var (value, column) in new[] { (i.SessionsPossible, "sessions_possible"), (i.AuthorisedAbsences, "authorised_absences"), (i.UnauthorisedAbsences, "unauthorised_absences") })
                {
                    if (value.Length > 0)
                    {
                        Fail(column, $"Only school attendance has {column.Replace('_', ' ')}; leave it empty for {i.Kind}");
                    }
                }
            }
            if (kk == EvidenceKind.Employment && i.HoursPerWeek.Length == 0)
            {
                Fail("hours_per_week", "Employment needs the hours worked a week");
            }
            if (kk != EvidenceKind.Employment && i.HoursPerWeek.Length > 0)
            {
                Fail("hours_per_week", $"Only employment has hours a week; leave it empty for {i.Kind}");
            }
            if (Events.Contains(kk) && i.To.Length > 0)
            {
                Fail("to", $"{i.Kind} is a single event on one date: leave the end date empty");
            }
            if (kk is EvidenceKind.NeedIdentified or EvidenceKind.NeedOutcomeAchieved)
            {
                if (code is null)
                {
                    Fail("code", "A need needs its headline outcome as the code, e.g. education or education:persistent-absence");
                }
                else if (!OutcomeKeys.Contains(code.Split(':')[0]))
                {
                    Fail("code", $"\"{i.Code}\" does not start with a headline outcome; use one of: {string.Join(", ", OutcomeKeys.Order())}");
                }
                else if (code.Length > 100)
                {
                    Fail("code", "The code must be 100 characters or fewer");
                }
            }
            else if (code is not null)
            {
                Fail("code", $"Only needs have a code; leave it empty for {i.Kind}");
            }
        }
        if (failed || kind is null || from is null)
        {
            return null;
        }
        return new ParsedEvidence(i, kind.Value, from.Value, to, Blank(i.CouncilChildId), upn, nhs, Blank(i.HouseholdRef), dob, possible, authorised, unauthorised, hours, code);
    }

    private static string? Blank(string s) => s.Length == 0 ? null : s;

    private static DateOnly? Date(string text, string column, DateOnly today, Action<string, string> fail, bool required)
    {
        if (text.Length == 0)
        {
            if (required)
            {
                fail(column, "Enter the date (YYYY-MM-DD)");
            }
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            fail(column, $"\"{text}\" is not a date in the form YYYY-MM-DD");
            return null;
        }
        if (d > today)
        {
            fail(column, $"The date {text} is in the future");
            return null;
        }
        return d;
    }

    private static int? Whole(string text, string column, Action<string, string> fail)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        fail(column, $"\"{text}\" is not a whole number of 0 or more");
        return null;
    }

    /// <summary>Enters one fact by hand. Refused whole on any problem; a fact the source already gave is refused too.</summary>
    public async Task<EvidenceFact> EnterAsync(ActorContext actor, EvidenceInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var v = new Validator();
        var trimmed = Trim(input);
        var parsed = Parse(trimmed, db.Today(), (c, m) => v.Add(c, m));
        if (parsed is not null && await db.Set<EvidenceFact>().AnyAsync(f => f.Source == parsed.Input.Source && f.SourceRef == parsed.Input.SourceRef, ct))
        {
            v.Add("evidence_ref", $"{parsed.Input.Source} has already given a fact with the reference {parsed.Input.SourceRef}");
        }
        v.ThrowIfAny();
        var subjects = new SubjectMatcher(db);
        await subjects.LoadAsync([parsed!], ct);
        var fact = NewFact(parsed!, subjects.For(parsed!), null, actor.Name);
        db.Add(fact);
        await db.SaveChangesAsync(actor, ct);
        return fact;
    }

    internal static EvidenceInput Trim(EvidenceInput i) => new(
        i.Source.Trim(), i.SourceRef.Trim(), i.Kind.Trim(), i.From.Trim(), i.To.Trim(), i.CouncilChildId.Trim(), i.Upn.Trim(), i.NhsNumber.Trim(),
        i.HouseholdRef.Trim(), i.DateOfBirth.Trim(), i.SessionsPossible.Trim(), i.AuthorisedAbsences.Trim(), i.UnauthorisedAbsences.Trim(), i.HoursPerWeek.Trim(), i.Code.Trim());

    internal static EvidenceFact NewFact(ParsedEvidence p, EvidenceSubject subject, Guid? importId, string by) => new()
    {
        SubjectId = subject.Id,
        Kind = p.Kind,
        Source = p.Input.Source,
        SourceRef = p.Input.SourceRef,
        ImportId = importId,
        From = p.From,
        To = p.To,
        SessionsPossible = p.SessionsPossible,
        AuthorisedAbsences = p.Authorised,
        UnauthorisedAbsences = p.Unauthorised,
        HoursPerWeek = p.Hours,
        Code = p.Code,
        EnteredBy = by,
    };

    /// <summary>A family's evidence, for someone who may see results; the read is audited.</summary>
    public async Task<IReadOnlyList<EvidenceView>> ForFamilyAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        // Named evidence (offending, exclusions, benefits of named people) needs a case permission too: a service
        // manager, who sees results as counts, does not see it.
        actor.Demand(Permission.ViewFamilies);
        if (!await db.Set<Family>().InScope(actor).AnyAsync(f => f.Id == familyId, ct))
        {
            throw new AccessDeniedException("That family does not exist or is not in your teams.");
        }
        await db.RecordReadAsync(actor, "FamilyEvidence", familyId, ct);
        var evidence = await LoadFamilyAsync(db, familyId, ct);
        return evidence.All.OrderBy(x => x.Fact.From).ThenBy(x => x.Fact.Kind).Select(x => View(x.Member.Label, x.Fact)).ToList();
    }

    public static EvidenceView View(string subject, EvidenceFact f) => new(f.Id, subject, f.Kind, f.From, f.To, Detail(f), f.Source, f.SourceRef, f.ImportId);

    public static string Detail(EvidenceFact f) => f.Kind switch
    {
        EvidenceKind.SchoolAttendance => $"{f.UnauthorisedAbsences} unauthorised and {f.AuthorisedAbsences ?? 0} authorised absences of {f.SessionsPossible} sessions",
        EvidenceKind.Employment => $"{f.HoursPerWeek?.ToString("0.#", CultureInfo.InvariantCulture)} hours a week",
        EvidenceKind.NeedIdentified or EvidenceKind.NeedOutcomeAchieved => f.Code ?? "",
        _ => "",
    };

    /// <summary>
    /// The evidence about a family's current members: subjects linked to them, or unlinked subjects carrying one of their
    /// identifiers (evidence imported before the person was known to the service).
    /// </summary>
    internal static async Task<FamilyEvidence> LoadFamilyAsync(HearthDbContext db, Guid familyId, CancellationToken ct)
    {
        var people = await db.Set<Person>().AsNoTracking().Where(p => p.FamilyId == familyId && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.CouncilChildId, p.Upn, p.NhsNumber }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var childIds = people.Select(p => p.CouncilChildId).OfType<string>().ToList();
        var upns = people.Select(p => p.Upn).OfType<string>().ToList();
        var nhs = people.Select(p => p.NhsNumber).OfType<string>().ToList();
        var subjects = await db.Set<EvidenceSubject>().AsNoTracking()
            .Where(s => (s.PersonId != null && ids.Contains(s.PersonId.Value))
                || (s.PersonId == null && ((s.CouncilChildId != null && childIds.Contains(s.CouncilChildId)) || (s.Upn != null && upns.Contains(s.Upn)) || (s.NhsNumber != null && nhs.Contains(s.NhsNumber)))))
            .ToListAsync(ct);
        var subjectIds = subjects.Select(s => s.Id).ToList();
        var facts = await db.Set<EvidenceFact>().AsNoTracking().Where(f => subjectIds.Contains(f.SubjectId)).ToListAsync(ct);
        var members = new List<SubjectEvidence>();
        foreach (var s in subjects)
        {
            var person = people.FirstOrDefault(p => p.Id == s.PersonId)
                ?? people.FirstOrDefault(p => (s.CouncilChildId != null && p.CouncilChildId == s.CouncilChildId) || (s.Upn != null && p.Upn == s.Upn) || (s.NhsNumber != null && p.NhsNumber == s.NhsNumber));
            var label = person is null ? s.Label : $"{person.GivenName} {person.FamilyName}";
            members.Add(new SubjectEvidence(s.Id, label, person?.DateOfBirth ?? s.DateOfBirth, facts.Where(f => f.SubjectId == s.Id).ToList()));
        }
        return new FamilyEvidence(members);
    }
}

/// <summary>Finds or creates the subject for each fact: by council child ID, then UPN, then NHS number; links known people.</summary>
internal sealed class SubjectMatcher(HearthDbContext db)
{
    private readonly List<EvidenceSubject> _subjects = [];
    private readonly List<Person> _people = [];

    public int Created { get; private set; }

    public async Task LoadAsync(IReadOnlyList<ParsedEvidence> facts, CancellationToken ct)
    {
        var childIds = facts.Select(f => f.CouncilChildId).OfType<string>().Distinct().ToList();
        var upns = facts.Select(f => f.Upn).OfType<string>().Distinct().ToList();
        var nhs = facts.Select(f => f.NhsNumber).OfType<string>().Distinct().ToList();
        _subjects.AddRange(await db.Set<EvidenceSubject>()
            .Where(s => (s.CouncilChildId != null && childIds.Contains(s.CouncilChildId)) || (s.Upn != null && upns.Contains(s.Upn)) || (s.NhsNumber != null && nhs.Contains(s.NhsNumber)))
            .ToListAsync(ct));
        _people.AddRange(await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && ((p.CouncilChildId != null && childIds.Contains(p.CouncilChildId)) || (p.Upn != null && upns.Contains(p.Upn)) || (p.NhsNumber != null && nhs.Contains(p.NhsNumber))))
            .ToListAsync(ct));
    }

    public EvidenceSubject For(ParsedEvidence p)
    {
        var subject = _subjects.FirstOrDefault(s => p.CouncilChildId is not null && s.CouncilChildId == p.CouncilChildId)
            ?? _subjects.FirstOrDefault(s => p.Upn is not null && s.Upn == p.Upn)
            ?? _subjects.FirstOrDefault(s => p.NhsNumber is not null && s.NhsNumber == p.NhsNumber);
        if (subject is null)
        {
            subject = new EvidenceSubject();
            _subjects.Add(subject);
            db.Add(subject);
            Created++;
        }
        // A later source may know more about the same person: keep every identifier and the household.
        subject.CouncilChildId ??= p.CouncilChildId;
        subject.Upn ??= p.Upn;
        subject.NhsNumber ??= p.NhsNumber;
        subject.HouseholdRef ??= p.HouseholdRef;
        subject.DateOfBirth ??= p.DateOfBirth;
        subject.PersonId ??= _people.FirstOrDefault(x => (subject.CouncilChildId is not null && x.CouncilChildId == subject.CouncilChildId)
            || (subject.Upn is not null && x.Upn == subject.Upn) || (subject.NhsNumber is not null && x.NhsNumber == subject.NhsNumber))?.Id;
        return subject;
    }
}
