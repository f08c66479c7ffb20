using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Returns.Census;

/// <summary>One child of a census built from Hearth's records, with where the record lives (for links and grouping).</summary>
public sealed record CensusChildRecord(Guid PersonId, Guid? FamilyId, string? FamilyReference, Guid? TeamId, string TeamName, CensusChild Child);

/// <summary>A census built from the records: the file model and, in the same order, the child each Child came from.</summary>
public sealed record CensusBuild(CensusFile File, IReadOnlyList<CensusChildRecord> Children);

/// <summary>An exported census: the XML as it will be written, and the validator's report on that XML.</summary>
public sealed record CensusExportResult(CensusYear Year, byte[] Xml, CensusValidationResult Validation, string FileName);

/// <summary>The census issues of one child.</summary>
public sealed record ChildCensusIssues(CensusChildRecord Child, IReadOnlyList<CensusIssue> Issues);

/// <summary>Every child of the current collection year in the actor's scope that has at least one issue.</summary>
public sealed record CensusReadiness(CensusYear Year, int ChildCount, IReadOnlyList<ChildCensusIssues> Children)
{
    public int ErrorCount => Children.Sum(c => c.Issues.Count(i => i.Severity == CensusSeverity.Error));
    public int QueryCount => Children.Sum(c => c.Issues.Count(i => i.Severity == CensusSeverity.Query));
}

/// <summary>
/// Builds the Children in Need census from Hearth's records (docs/census.md, "Export"): a child is anyone named on a
/// referral whose CIN episode is open at some point in the census period; one CINdetails per episode (or per referral that
/// did not open one), with each child's statutory records (primary need, factors, CIN plans, section 47 enquiries and child
/// protection plans) from the referrals it groups, and the date of death when one is recorded. The same build, for one child or for everyone in scope, feeds the
/// readiness checks, so what practitioners see is what the return will say.
/// </summary>
public sealed partial class CensusExport(HearthDbContext db)
{
    public const string SoftwareCode = "Hearth";

    /// <summary>Builds, writes and validates the census for the collection year containing <paramref name="referenceDate"/>.</summary>
    public async Task<CensusExportResult> ExportAsync(ActorContext actor, DateOnly referenceDate, string? laCode, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageReturns);
        var year = CensusYear.Containing(referenceDate);
        var check = new Validator();
        if (year is null)
        {
            check.Add("ReferenceDate", $"No census year with published rules contains {referenceDate:d MMMM yyyy}; Hearth knows {string.Join(", ", CensusYear.All.Select(y => y.Name))}");
        }
        if (laCode is null || !LaCodePattern().IsMatch(laCode.Trim()))
        {
            check.Add("LaCode", "Enter the local authority code: 3 digits, for example 808");
        }
        if (check.Errors.Count > 0)
        {
            throw new ValidationFailedException(check.Errors);
        }
        var build = await BuildAsync(actor, year!, laCode!.Trim(), null, ct);
        using var buffer = new MemoryStream();
        CensusXmlWriter.Write(build.File, buffer);
        var xml = buffer.ToArray();
        // The report is on the XML itself, read back through the safe reader, so the schema check covers what is written.
        var read = CensusReader.Read(new MemoryStream(xml, writable: false), year!.Name);
        await RecordCensusReadAsync(actor, "CensusReturn", year, build.Children, [new FieldChange("referenceDate", null, referenceDate.ToString("yyyy-MM-dd")), new FieldChange("laCode", null, laCode.Trim())], ct);
        return new CensusExportResult(year, xml, CensusValidator.Validate(read), $"CIN_Census_{year.EndYear}_{laCode.Trim()}.xml");
    }

    /// <summary>The census issues of every child in the actor's scope for the current collection year.</summary>
    public async Task<CensusReadiness> ReadinessAsync(ActorContext actor, CancellationToken ct = default)
    {
        DemandReadiness(actor);
        var year = CensusYear.CurrentOrProvisional(db.Today());
        var build = await BuildAsync(actor, year, "000", null, ct);
        var withIssues = IssuesByChild(build).Where(c => c.Issues.Count > 0).ToList();
        // The page names the children with issues (name, UPN, date of birth); those are the children whose record was read.
        await RecordCensusReadAsync(actor, "CensusReadiness", year, withIssues.Select(c => c.Child).ToList(), [], ct);
        return new CensusReadiness(year, build.Children.Count, withIssues);
    }

    /// <summary>
    /// The access event of a whole-council census read: one event per export or readiness check, named by the collection
    /// year, saying how many children it held and which (their record ids, never their names, UPNs or other values), so
    /// that a search of the trail for a child's id finds every return that carried them.
    /// </summary>
    private Task RecordCensusReadAsync(ActorContext actor, string entityType, CensusYear year, IReadOnlyList<CensusChildRecord> children, IReadOnlyList<FieldChange> details, CancellationToken ct) =>
        db.RecordAccessAsync(actor, entityType, year.Name,
        [
            .. details,
            new FieldChange("children", null, children.Count.ToString(CultureInfo.InvariantCulture)),
            new FieldChange("personIds", null, string.Join(" ", children.Select(c => c.PersonId))),
        ], ct);

    /// <summary>
    /// One child's census issues for the current collection year; null when the child is not in the census or not in scope.
    /// Records the read, since it shows one person's record.
    /// </summary>
    public async Task<ChildCensusIssues?> ForChildAsync(ActorContext actor, Guid personId, CancellationToken ct = default)
    {
        DemandReadiness(actor);
        var year = CensusYear.CurrentOrProvisional(db.Today());
        var build = await BuildAsync(actor, year, "000", personId, ct);
        var found = IssuesByChild(build).FirstOrDefault(c => c.Child.PersonId == personId);
        if (found is not null)
        {
            await db.RecordReadAsync(actor, nameof(Person), personId, ct);
        }
        return found;
    }

    private static void DemandReadiness(ActorContext actor)
    {
        if (!actor.Has(Permission.ManageReturns) && !actor.Has(Permission.ViewFamilies))
        {
            throw new AccessDeniedException($"{actor.Name} may not see census issues.");
        }
    }

    private static List<ChildCensusIssues> IssuesByChild(CensusBuild build)
    {
        var result = CensusValidator.Validate(build.File);
        var byNumber = new List<CensusIssue>[build.Children.Count];
        for (var i = 0; i < byNumber.Length; i++)
        {
            byNumber[i] = [];
        }
        foreach (var issue in result.Issues)
        {
            // File-level issues (header, LA-wide counts) belong to no child and are left to the export's report.
            if (issue.Path is { } path && ChildPathPattern().Match(path) is { Success: true } m
                && int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= byNumber.Length)
            {
                byNumber[n - 1].Add(issue);
            }
        }
        return build.Children.Select((c, i) => new ChildCensusIssues(c, byNumber[i])).ToList();
    }

    /// <summary>
    /// Builds the census model from the records for <paramref name="year"/>: every child in the actor's scope (by the
    /// family holding the child's record), or only <paramref name="personId"/>.
    /// </summary>
    public async Task<CensusBuild> BuildAsync(ActorContext actor, CensusYear year, string laCode, Guid? personId, CancellationToken ct = default)
    {
        var reference = year.ReferenceDate;
        var start = year.CensusStart;

        var referralQuery = db.Set<Referral>().AsNoTracking().Include(r => r.Children).Where(r => r.ReceivedOn <= reference);
        if (personId is { } only)
        {
            referralQuery = referralQuery.Where(r => r.Children.Any(c => c.PersonId == only));
        }
        var referrals = await referralQuery.ToListAsync(ct);
        var episodeIds = referrals.Where(r => r.EpisodeId is not null).Select(r => r.EpisodeId!.Value).Distinct().ToList();
        var episodes = await db.Set<Episode>().AsNoTracking().Include(e => e.Phases)
            .Where(e => episodeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().ToDictionaryAsync(v => v.Id, ct);
        var recordQuery = db.Set<ChildInNeedRecord>().AsNoTracking().AsSplitQuery()
            .Include(r => r.CinPlans).Include(r => r.Section47Enquiries).Include(r => r.ProtectionPlans);
        var recordOf = await (personId is { } one ? recordQuery.Where(r => r.PersonId == one) : recordQuery)
            .ToDictionaryAsync(r => (r.ReferralId, r.PersonId), ct);

        var personIds = referrals.SelectMany(r => r.Children).Select(c => c.PersonId).Where(id => personId is null || id == personId).Distinct().ToList();
        var people = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id) && p.MergedIntoId == null).ToListAsync(ct);
        var familyIds = people.Select(p => p.FamilyId).OfType<Guid>().Concat(referrals.Select(r => r.FamilyId)).Distinct().ToList();
        var families = await db.Set<Family>().AsNoTracking().InScope(actor).Where(f => familyIds.Contains(f.Id))
            .Select(f => new { f.Id, f.Reference, f.TeamId }).ToDictionaryAsync(f => f.Id, ct);
        var teams = await db.Set<Team>().AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        var referralsByChild = referrals.SelectMany(r => r.Children.Select(c => (c.PersonId, Referral: r))).ToLookup(x => x.PersonId, x => x.Referral);
        var records = new List<CensusChildRecord>();
        foreach (var person in people.OrderBy(p => p.CouncilChildId, StringComparer.Ordinal).ThenBy(p => p.Id))
        {
            var childReferrals = referralsByChild[person.Id].ToList();
            var familyId = person.FamilyId ?? childReferrals.OrderByDescending(r => r.ReceivedOn).First().FamilyId;
            if (!families.TryGetValue(familyId, out var family))
            {
                continue;
            }
            var details = Episodes(childReferrals, episodes, programmes, id => recordOf.GetValueOrDefault((id, person.Id)), start, reference);
            if (details.Count == 0)
            {
                continue;
            }
            var child = ToChild(person, year, details);
            child.Number = records.Count + 1;
            records.Add(new CensusChildRecord(person.Id, family.Id, family.Reference, family.TeamId, teams.GetValueOrDefault(family.TeamId, ""), child));
        }

        var now = db.Time.GetUtcNow().UkDateTime();
        var file = new CensusFile
        {
            Year = year,
            Header = new CensusHeader
            {
                Collection = "CIN",
                Year = year.EndYear.ToString(CultureInfo.InvariantCulture),
                ReferenceDate = reference,
                ReferenceDateText = reference.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                SourceLevel = "L",
                LEA = laCode,
                SoftwareCode = SoftwareCode,
                Release = typeof(CensusExport).Assembly.GetName().Version?.ToString(2) ?? "1.0",
                SerialNo = "1",
                DateTime = now.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            },
            Children = records.Select(r => r.Child).ToList(),
        };
        return new CensusBuild(file, records);
    }

    private static CensusChild ToChild(Person person, CensusYear year, List<CinDetails> details) => new()
    {
        LAchildID = Blank(person.CouncilChildId),
        UPN = Blank(person.Upn),
        FormerUPN = Blank(person.FormerUpn),
        PersonBirthDate = person.DateOfBirth,
        // Written as recorded: a child with both dates is a real problem (8525) for someone to fix on the record.
        ExpectedPersonBirthDate = person.ExpectedDateOfBirth,
        PersonDeathDate = person.DateOfDeath,
        Sex = year.UsesSex ? person.Sex switch { Sex.Male => "M", Sex.Female => "F", _ => "U" } : null,
        GenderCurrent = year.UsesSex ? null : person.Sex switch { Sex.Male => "1", Sex.Female => "2", _ => "0" },
        Ethnicity = Blank(person.EthnicityCode),
        Disabilities = person.DisabilityCodes.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => (string?)d.Trim()).ToList(),
        CINdetails = details,
    };

    /// <summary>
    /// The child's CIN episodes touching the census period: one per Hearth episode (a reopened episode's referrals are one
    /// episode, dated from the first), and one per referral that opened none.
    /// </summary>
    private static List<CinDetails> Episodes(List<Referral> referrals, Dictionary<Guid, Episode> episodes,
        Dictionary<Guid, ProgrammeVersion> programmes, Func<Guid, ChildInNeedRecord?> recordOf, DateOnly start, DateOnly reference)
    {
        var result = new List<(DateOnly Date, CinDetails Details)>();
        foreach (var group in referrals.Where(r => r.EpisodeId is not null && episodes.ContainsKey(r.EpisodeId.Value)).GroupBy(r => r.EpisodeId!.Value))
        {
            var episode = episodes[group.Key];
            var first = group.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Reference, StringComparer.Ordinal).First();
            if (!InPeriod(episode.ClosedOn, start))
            {
                continue;
            }
            var closedInPeriod = episode.ClosedOn <= reference;
            var definition = programmes.TryGetValue(episode.ProgrammeVersionId, out var version) ? version.Definition : null;
            var records = group.OrderBy(r => r.ReceivedOn).Select(r => recordOf(r.Id)).OfType<ChildInNeedRecord>().ToList();
            // Factors recorded for the child at assessment (the latest referral's) replace those mapped from presenting needs.
            var recorded = records.LastOrDefault(r => r.AssessmentFactors.Count > 0)?.AssessmentFactors;
            var details = new CinDetails
            {
                CINreferralDate = first.ReceivedOn,
                ReferralSource = Blank(first.Source),
                PrimaryNeedCode = records.Select(r => r.PrimaryNeedCode).FirstOrDefault(n => n is not null),
                CINclosureDate = closedInPeriod ? episode.ClosedOn : null,
                ReasonForClosure = closedInPeriod ? Blank(episode.DfeReasonForClosure) : null,
                ReferralNFAText = "false",
                Assessments = definition is null ? [] : Assessments(episode, definition, group.SelectMany(r => r.PresentingNeeds), recorded, start, reference),
            };
            AddStatutory(details, records, start, reference);
            // RC8/RC9 mean closed straight after assessment; an episode with a CIN plan, enquiry or protection plan
            // had further work, so it closes RC7 (rule 2990 forbids those modules under RC8 and RC9).
            if (details.ReasonForClosure is "RC8" or "RC9"
                && (details.CINPlanDates.Count > 0 || details.Section47.Count > 0 || details.ChildProtectionPlans.Count > 0 || details.DateOfInitialCPC is not null))
            {
                details.ReasonForClosure = "RC7";
            }
            result.Add((first.ReceivedOn, details));
        }
        foreach (var referral in referrals.Where(r => r.EpisodeId is null || !episodes.ContainsKey(r.EpisodeId.Value)))
        {
            if (referral.Status is ReferralStatus.Advice or ReferralStatus.Inappropriate or ReferralStatus.ReferredOn)
            {
                // A referral with no further action closes on its referral date with RC8 (docs/census.md, "Export").
                if (!InPeriod(referral.ReceivedOn, start))
                {
                    continue;
                }
                result.Add((referral.ReceivedOn, new CinDetails
                {
                    CINreferralDate = referral.ReceivedOn,
                    ReferralSource = Blank(referral.Source),
                    PrimaryNeedCode = recordOf(referral.Id)?.PrimaryNeedCode,
                    CINclosureDate = referral.ReceivedOn,
                    ReasonForClosure = "RC8",
                    ReferralNFAText = "true",
                }));
            }
            else
            {
                // Received, waiting or accepted without an episode yet: open, and further action is expected.
                var record = recordOf(referral.Id);
                var details = new CinDetails
                {
                    CINreferralDate = referral.ReceivedOn,
                    ReferralSource = Blank(referral.Source),
                    PrimaryNeedCode = record?.PrimaryNeedCode,
                    ReferralNFAText = "false",
                };
                AddStatutory(details, record is null ? [] : [record], start, reference);
                result.Add((referral.ReceivedOn, details));
            }
        }
        return result.OrderBy(x => x.Date).Select(x => x.Details).ToList();
    }

    /// <summary>
    /// The child's CIN plans, section 47 enquiries and child protection plans that touch the census period. An end (or a
    /// conference) after the reference date had not happened at the reference date, so it is left out; reviews are those
    /// held in the period.
    /// </summary>
    private static void AddStatutory(CinDetails details, IReadOnlyList<ChildInNeedRecord> records, DateOnly start, DateOnly reference)
    {
        DateOnly? ByReference(DateOnly? date) => date <= reference ? date : null;
        foreach (var plan in records.SelectMany(r => r.CinPlans).Where(p => p.StartedOn <= reference && !(p.EndedOn < start)).OrderBy(p => p.StartedOn))
        {
            details.CINPlanDates.Add(new CinPlan { CINPlanStartDate = plan.StartedOn, CINPlanEndDate = ByReference(plan.EndedOn) });
        }
        // An enquiry concluded before the period (its conference held, or no conference needed) is last year's.
        foreach (var s47 in records.SelectMany(r => r.Section47Enquiries)
            .Where(s => s.StartedOn <= reference && !(s.ConferenceOn < start) && !(s.ConferenceNotRequired && s.StartedOn < start)).OrderBy(s => s.StartedOn))
        {
            details.Section47.Add(new Section47
            {
                S47ActualStartDate = s47.StartedOn,
                InitialCPCtarget = s47.ConferenceTargetOn,
                DateOfInitialCPC = ByReference(s47.ConferenceOn),
                ICPCnotRequiredText = s47.ConferenceNotRequired ? "true" : "false",
            });
        }
        foreach (var plan in records.SelectMany(r => r.ProtectionPlans).Where(p => p.StartedOn <= reference && !(p.EndedOn < start)).OrderBy(p => p.StartedOn))
        {
            details.ChildProtectionPlans.Add(new ChildProtectionPlan
            {
                CPPstartDate = plan.StartedOn,
                CPPendDate = ByReference(plan.EndedOn),
                InitialCategoryOfAbuse = plan.InitialCategory,
                LatestCategoryOfAbuse = plan.LatestCategory,
                NumberOfPreviousCPPText = plan.PreviousPlans.ToString(CultureInfo.InvariantCulture),
                CPPreviewDates = plan.ReviewDates.Where(d => d >= start && d <= reference).Order().Select(d => (DateOnly?)d).ToList(),
            });
        }
    }

    /// <summary>Open at some point in the census period: not closed before it starts.</summary>
    private static bool InPeriod(DateOnly? closedOn, DateOnly start) => closedOn is null || closedOn >= start;

    /// <summary>
    /// Each stay in the programme's assessment phase is an assessment: it starts when the phase starts and is authorised when
    /// the phase ends (or the assessment decision is recorded). Factors are those recorded for the child at assessment, or
    /// else the referral's presenting needs that the programme maps to DfE factors, written only for an authorised
    /// assessment (DfE rule 8614).
    /// </summary>
    private static List<Assessment> Assessments(Episode episode, ProgrammeDefinition definition, IEnumerable<string> needs, IReadOnlyList<string>? recorded, DateOnly start, DateOnly reference)
    {
        if (definition.AssessmentPhase is not { } phase)
        {
            return [];
        }
        var factorOf = definition.PresentingNeeds.Where(n => n.DfeAssessmentFactor is not null).ToDictionary(n => n.Key, n => n.DfeAssessmentFactor!, StringComparer.Ordinal);
        var factors = (recorded ?? needs.Distinct(StringComparer.Ordinal).Select(n => factorOf.GetValueOrDefault(n)).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(f => (string?)f).ToList();
        var stays = episode.Phases.Where(p => p.PhaseKey == phase.Key).OrderBy(p => p.StartedOn).ToList();
        var result = new List<Assessment>();
        for (var i = 0; i < stays.Count; i++)
        {
            var stay = stays[i];
            var authorised = stay.EndedOn
                ?? (i == stays.Count - 1 && episode.AssessmentDecidedOn >= stay.StartedOn ? episode.AssessmentDecidedOn : null);
            if (stay.StartedOn > reference || authorised < start)
            {
                continue;
            }
            if (authorised > reference)
            {
                authorised = null;
            }
            result.Add(new Assessment
            {
                AssessmentActualStartDate = stay.StartedOn,
                AssessmentAuthorisationDate = authorised,
                AssessmentFactors = authorised is null ? [] : [.. factors],
            });
        }
        return result;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[0-9]{3}$")]
    private static partial Regex LaCodePattern();

    [GeneratedRegex(@"^Message/Children/Child\[([0-9]+)\]")]
    private static partial Regex ChildPathPattern();
}
