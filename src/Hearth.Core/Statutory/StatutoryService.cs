using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Returns.Census;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Statutory;

public sealed record NeedInput(string? PrimaryNeedCode, IReadOnlyList<string> AssessmentFactors);

public sealed record CinPlanInput(DateOnly StartedOn, DateOnly? EndedOn);

public sealed record Section47Input(DateOnly StartedOn, DateOnly? ConferenceTargetOn, DateOnly? ConferenceOn, bool ConferenceNotRequired);

public sealed record ProtectionPlanInput(
    DateOnly StartedOn, DateOnly? EndedOn, string? InitialCategory, string? LatestCategory, int? PreviousPlans, IReadOnlyList<DateOnly> ReviewDates);

/// <summary>One child named on a referral, with their statutory record when one has been started.</summary>
public sealed record StatutoryChild(Guid PersonId, string Name, string? CouncilChildId, ChildInNeedRecord? Record);

/// <summary>
/// A referral as the census sees it: when it was received, whether it needed no further action, when its case closed
/// (the episode's closure, or the referral's decision when it opened none) and its children's records.
/// </summary>
public sealed record StatutoryReferral(Referral Referral, bool NoFurtherAction, DateOnly? ClosedOn, IReadOnlyList<StatutoryChild> Children)
{
    public StatutoryChild? Child(Guid personId) => Children.FirstOrDefault(c => c.PersonId == personId);
}

public sealed record FamilyStatutoryRecords(Guid FamilyId, string FamilyReference, IReadOnlyList<StatutoryReferral> Referrals);

/// <summary>
/// The statutory Children in Need facts Hearth keeps for the census (docs/census.md, "Statutory records"): each child's
/// primary need and assessment factors on a referral, CIN plans, section 47 enquiries and child protection plans. The
/// only way to change them. Input the DfE validation rules would reject is refused as it is recorded (the rule codes are
/// in the comments), so that the census is clean all year round rather than fixed in a rush in April.
/// </summary>
public sealed class StatutoryService(HearthDbContext db)
{
    /// <summary>Primary need codes a worker can record. N0 ("not stated") is what the return says when there is none.</summary>
    public static readonly IReadOnlyList<string> PrimaryNeeds = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"];

    /// <summary>Factor codes a worker can record: the census code set less 8A, 18A and 19A, which the DfE no longer accepts.</summary>
    public static readonly IReadOnlyList<string> Factors = CensusCodes.AssessmentFactors
        .Where(f => f is not ("8A" or "18A" or "19A")).OrderBy(f => int.Parse(f.TrimEnd('A', 'B', 'C', 'D', 'E', 'F'))).ThenBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>The family's referrals and each child's records. Opening them is recorded.</summary>
    public async Task<FamilyStatutoryRecords> ForFamilyAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(f => f.Id == familyId, ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children)
            .Where(r => r.FamilyId == familyId).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Reference).ToListAsync(ct);
        var result = await DescribeAsync(referrals, ct);
        await db.RecordReadAsync(actor, nameof(Family), familyId, ct);
        return new FamilyStatutoryRecords(family.Id, family.Reference, result);
    }

    /// <summary>One child's records on one referral. Opening them is recorded.</summary>
    public async Task<(StatutoryReferral Referral, StatutoryChild Child)> ForChildAsync(ActorContext actor, Guid referralId, Guid personId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var referral = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children).SingleOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null || referral.Children.All(c => c.PersonId != personId))
        {
            throw NotFound("child's referral");
        }
        var described = (await DescribeAsync([referral], ct)).Single();
        await db.RecordReadAsync(actor, nameof(Person), personId, ct);
        return (described, described.Child(personId)!);
    }

    private async Task<List<StatutoryReferral>> DescribeAsync(List<Referral> referrals, CancellationToken ct)
    {
        var referralIds = referrals.Select(r => r.Id).ToList();
        var episodeIds = referrals.Select(r => r.EpisodeId).OfType<Guid>().Distinct().ToList();
        var closures = await db.Set<Episode>().AsNoTracking().Where(e => episodeIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.ClosedOn, ct);
        var personIds = referrals.SelectMany(r => r.Children).Select(c => c.PersonId).Distinct().ToList();
        var people = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (Name: $"{p.GivenName} {p.FamilyName}", p.CouncilChildId, p.DateOfBirth), ct);
        var records = await db.Set<ChildInNeedRecord>().AsNoTracking().AsSplitQuery()
            .Include(r => r.CinPlans).Include(r => r.Section47Enquiries).Include(r => r.ProtectionPlans)
            .Where(r => referralIds.Contains(r.ReferralId)).ToListAsync(ct);
        foreach (var record in records)
        {
            record.CinPlans.Sort((a, b) => a.StartedOn.CompareTo(b.StartedOn));
            record.Section47Enquiries.Sort((a, b) => a.StartedOn.CompareTo(b.StartedOn));
            record.ProtectionPlans.Sort((a, b) => a.StartedOn.CompareTo(b.StartedOn));
        }
        return referrals.Select(r => new StatutoryReferral(
            r,
            IsNoFurtherAction(r),
            r.EpisodeId is { } e ? closures.GetValueOrDefault(e) : IsNoFurtherAction(r) ? r.DecidedOn ?? r.ReceivedOn : null,
            r.Children.Where(c => people.ContainsKey(c.PersonId))
                .OrderBy(c => people[c.PersonId].DateOfBirth).ThenBy(c => people[c.PersonId].Name, StringComparer.Ordinal)
                .Select(c => new StatutoryChild(c.PersonId, people[c.PersonId].Name, people[c.PersonId].CouncilChildId,
                    records.FirstOrDefault(x => x.ReferralId == r.Id && x.PersonId == c.PersonId)))
                .ToList())).ToList();
    }

    /// <summary>Advice, inappropriate and referred-on referrals needed no further action (the census's ReferralNFA).</summary>
    public static bool IsNoFurtherAction(Referral r) => r.EpisodeId is null && r.Status is ReferralStatus.Advice or ReferralStatus.Inappropriate or ReferralStatus.ReferredOn;

    // ---------- primary need and factors ----------

    /// <summary>
    /// Records the child's primary need and the factors identified at assessment. <paramref name="version"/> is the
    /// record's version as read, or null when there was no record yet (so a record started by someone else in between
    /// is a conflict, not overwritten).
    /// </summary>
    public async Task<ChildInNeedRecord> SetNeedAsync(ActorContext actor, Guid referralId, Guid personId, int? version, NeedInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var context = await ContextAsync(actor, referralId, personId, ct);
        var v = new Validator();
        var need = input.PrimaryNeedCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(need))
        {
            v.Add("PrimaryNeedCode", "Choose the child's primary need");
        }
        else if (!PrimaryNeeds.Contains(need))
        {
            v.Add("PrimaryNeedCode", "Primary need must be one of the DfE codes N1 to N9");
        }
        var factors = input.AssessmentFactors.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim().ToUpperInvariant()).ToList();
        foreach (var bad in factors.Where(f => !Factors.Contains(f)).Distinct())
        {
            // 8897Q, 8945Q, 8950Q: 8A, 18A and 19A are no longer accepted; the rest are not DfE codes at all.
            v.Add("AssessmentFactors", $"Factors identified at assessment: \"{bad}\" is not a DfE factor code");
        }
        if (factors.Count != factors.Distinct().Count())
        {
            v.Add("AssessmentFactors", "Factors identified at assessment: choose each factor once"); // 8898
        }
        if (factors.Contains("21") && factors.Count > 1)
        {
            v.Add("AssessmentFactors", "Factors identified at assessment: 21 (no factors identified) cannot be chosen with any other factor"); // 8869
        }
        v.ThrowIfAny();
        var record = context.Record;
        if (record is null != version is null)
        {
            throw new ConcurrencyConflictException("child in need record");
        }
        if (record is null)
        {
            record = context.NewRecord();
            db.Add(record);
        }
        else
        {
            record.Version = version!.Value;
        }
        record.PrimaryNeedCode = need;
        record.AssessmentFactors = factors.Distinct().Order(StringComparer.Ordinal).ToList();
        await db.SaveChangesAsync(actor, ct);
        return record;
    }

    // ---------- CIN plans ----------

    public async Task<CinPlanPeriod> AddCinPlanAsync(ActorContext actor, Guid referralId, Guid personId, CinPlanInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var context = await ContextAsync(actor, referralId, personId, ct);
        var plan = new CinPlanPeriod { PersonId = personId, TeamId = context.Referral.TeamId };
        await ApplyAsync(context, plan, input, ct);
        context.Attach(db, r => r.CinPlans.Add(plan), plan);
        await db.SaveChangesAsync(actor, ct);
        return plan;
    }

    public async Task<CinPlanPeriod> UpdateCinPlanAsync(ActorContext actor, Guid planId, int version, CinPlanInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var plan = await db.Set<CinPlanPeriod>().InScope(actor).SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw NotFound("CIN plan");
        var context = await ContextOfAsync(actor, plan.RecordId, ct);
        plan.Version = version;
        await ApplyAsync(context, plan, input, ct);
        await db.SaveChangesAsync(actor, ct);
        return plan;
    }

    private async Task ApplyAsync(RecordContext context, CinPlanPeriod plan, CinPlanInput input, CancellationToken ct)
    {
        var v = new Validator();
        context.RefuseNoFurtherAction(v, "CIN plans"); // 4000
        Dated(v, context, "StartedOn", "The CIN plan start date", input.StartedOn); // 4015, 8565
        Ending(v, context, "EndedOn", "The CIN plan end date", input.StartedOn, input.EndedOn, sameDayAllowed: true); // 4011, 4009
        var (plans, protection, _) = await ChildsOtherRecordsAsync(context.PersonId, plan.Id, ct);
        foreach (var other in plans.Where(o => Overlaps(input.StartedOn, input.EndedOn, o.StartedOn, o.EndedOn, touching: true)))
        {
            v.Add("StartedOn", $"The CIN plan overlaps another CIN plan for this child, {Period(other.StartedOn, other.EndedOn)}"); // 4014, 4004
        }
        foreach (var other in protection.Where(o => Overlaps(input.StartedOn, input.EndedOn, o.StartedOn, o.EndedOn, touching: false)))
        {
            v.Add("StartedOn", $"A CIN plan cannot run at the same time as the child's protection plan, {Period(other.StartedOn, other.EndedOn)}"); // 4001, 4016, 4017
        }
        v.ThrowIfAny();
        plan.StartedOn = input.StartedOn;
        plan.EndedOn = input.EndedOn;
    }

    // ---------- section 47 enquiries ----------

    public async Task<Section47Enquiry> AddSection47Async(ActorContext actor, Guid referralId, Guid personId, Section47Input input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var context = await ContextAsync(actor, referralId, personId, ct);
        var enquiry = new Section47Enquiry { PersonId = personId, TeamId = context.Referral.TeamId };
        await ApplyAsync(context, enquiry, input, ct);
        context.Attach(db, r => r.Section47Enquiries.Add(enquiry), enquiry);
        await db.SaveChangesAsync(actor, ct);
        return enquiry;
    }

    public async Task<Section47Enquiry> UpdateSection47Async(ActorContext actor, Guid enquiryId, int version, Section47Input input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var enquiry = await db.Set<Section47Enquiry>().InScope(actor).SingleOrDefaultAsync(s => s.Id == enquiryId, ct) ?? throw NotFound("section 47 enquiry");
        var context = await ContextOfAsync(actor, enquiry.RecordId, ct);
        enquiry.Version = version;
        await ApplyAsync(context, enquiry, input, ct);
        await db.SaveChangesAsync(actor, ct);
        return enquiry;
    }

    private async Task ApplyAsync(RecordContext context, Section47Enquiry enquiry, Section47Input input, CancellationToken ct)
    {
        var v = new Validator();
        context.RefuseNoFurtherAction(v, "section 47 enquiries"); // 8831
        Dated(v, context, "StartedOn", "The section 47 enquiry start date", input.StartedOn); // 2889, 8565
        if (input.ConferenceTargetOn is { } target && target < input.StartedOn)
        {
            v.Add("ConferenceTargetOn", "The conference target date cannot be before the enquiry started");
        }
        if (input.ConferenceOn is { } held)
        {
            if (input.ConferenceNotRequired)
            {
                v.Add("ConferenceNotRequired", "Either record the conference date or that no conference was needed, not both");
            }
            if (held < input.StartedOn)
            {
                v.Add("ConferenceOn", "The initial child protection conference cannot be before the enquiry started"); // 8615
            }
            else
            {
                Dated(v, context, "ConferenceOn", "The initial child protection conference date", held); // 1104, 8565
            }
            if (held.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                v.Add("ConferenceOn", "The initial child protection conference date cannot be a Saturday or Sunday"); // 8875
            }
        }
        else if (context.ClosedOn is { } closed && !input.ConferenceNotRequired)
        {
            v.Add("ConferenceOn", $"The case closed on {closed:d MMMM yyyy}: record the conference date or that no conference was needed"); // 8868
        }
        var (_, _, enquiries) = await ChildsOtherRecordsAsync(context.PersonId, enquiry.Id, ct);
        // 8839, 8890: one enquiry at a time within the referral. An enquiry is ongoing from its start to its conference;
        // one that needed no conference is over when it concluded, which Hearth does not date, so it never clashes.
        var end = EnquiryEnd(input.StartedOn, input.ConferenceOn, input.ConferenceNotRequired);
        foreach (var other in enquiries.Where(o => o.RecordId == context.Record?.Id
            && input.StartedOn < EnquiryEnd(o.StartedOn, o.ConferenceOn, o.ConferenceNotRequired) && o.StartedOn < end))
        {
            v.Add("StartedOn", $"Another section 47 enquiry for this child on this referral is ongoing at that time (started {other.StartedOn:d MMMM yyyy})");
        }
        v.ThrowIfAny();
        enquiry.StartedOn = input.StartedOn;
        enquiry.ConferenceTargetOn = input.ConferenceTargetOn;
        enquiry.ConferenceOn = input.ConferenceOn;
        enquiry.ConferenceNotRequired = input.ConferenceNotRequired;
    }

    // ---------- child protection plans ----------

    public async Task<ProtectionPlan> AddProtectionPlanAsync(ActorContext actor, Guid referralId, Guid personId, ProtectionPlanInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var context = await ContextAsync(actor, referralId, personId, ct);
        var plan = new ProtectionPlan { PersonId = personId, TeamId = context.Referral.TeamId, InitialCategory = "", LatestCategory = "" };
        await ApplyAsync(context, plan, input, ct);
        context.Attach(db, r => r.ProtectionPlans.Add(plan), plan);
        await db.SaveChangesAsync(actor, ct);
        return plan;
    }

    public async Task<ProtectionPlan> UpdateProtectionPlanAsync(ActorContext actor, Guid planId, int version, ProtectionPlanInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var plan = await db.Set<ProtectionPlan>().InScope(actor).SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw NotFound("child protection plan");
        var context = await ContextOfAsync(actor, plan.RecordId, ct);
        plan.Version = version;
        await ApplyAsync(context, plan, input, ct);
        await db.SaveChangesAsync(actor, ct);
        return plan;
    }

    private async Task ApplyAsync(RecordContext context, ProtectionPlan plan, ProtectionPlanInput input, CancellationToken ct)
    {
        var v = new Validator();
        context.RefuseNoFurtherAction(v, "child protection plans"); // 8832
        Dated(v, context, "StartedOn", "The child protection plan start date", input.StartedOn); // 1105, 8565
        Ending(v, context, "EndedOn", "The child protection plan end date", input.StartedOn, input.EndedOn, sameDayAllowed: false); // 8840, 8925, 8920
        var initial = input.InitialCategory?.Trim().ToUpperInvariant();
        var latest = input.LatestCategory?.Trim().ToUpperInvariant();
        if (initial is null || !CensusCodes.CategoryOfAbuse.Contains(initial))
        {
            v.Add("InitialCategory", "Choose the initial category of abuse"); // 8905
        }
        if (latest is null || !CensusCodes.CategoryOfAbuse.Contains(latest))
        {
            v.Add("LatestCategory", "Choose the latest category of abuse"); // 8910
        }
        if (input.PreviousPlans is null or < 0 or > 50)
        {
            v.Add("PreviousPlans", "Enter the number of previous child protection plans, 0 or more"); // 8730
        }
        foreach (var review in input.ReviewDates)
        {
            if (review <= input.StartedOn)
            {
                v.Add("ReviewDates", $"The review on {review:d MMMM yyyy} must be after the plan started"); // 8841
            }
            else if (input.EndedOn is { } end && review > end)
            {
                v.Add("ReviewDates", $"The review on {review:d MMMM yyyy} cannot be after the plan ended");
            }
            else if (review > db.Today())
            {
                v.Add("ReviewDates", $"The review on {review:d MMMM yyyy} is in the future: record reviews once they are held");
            }
        }
        if (input.ReviewDates.Distinct().Count() != input.ReviewDates.Count)
        {
            v.Add("ReviewDates", "Enter each review date once");
        }
        var (plans, protection, enquiries) = await ChildsOtherRecordsAsync(context.PersonId, plan.Id, ct);
        foreach (var other in protection.Where(o => Overlaps(input.StartedOn, input.EndedOn, o.StartedOn, o.EndedOn, touching: true)))
        {
            v.Add("StartedOn", $"The plan overlaps the child's other protection plan, {Period(other.StartedOn, other.EndedOn)}"); // 8940, 8935
        }
        foreach (var other in plans.Where(o => Overlaps(input.StartedOn, input.EndedOn, o.StartedOn, o.EndedOn, touching: false)))
        {
            v.Add("StartedOn", $"A child protection plan cannot run at the same time as the child's CIN plan, {Period(other.StartedOn, other.EndedOn)}"); // 4001
        }
        // 2885, 2883: a plan starts at an initial child protection conference recorded on this referral.
        var conferences = enquiries.Where(e => e.RecordId == context.Record?.Id).Select(e => e.ConferenceOn).OfType<DateOnly>().ToList();
        if (!conferences.Contains(input.StartedOn))
        {
            v.Add("StartedOn", conferences.Count == 0
                ? "Record the section 47 enquiry and its initial child protection conference first: the plan starts on the conference date"
                : $"The plan starts on the date of its initial child protection conference: {string.Join(" or ", conferences.Select(c => c.ToString("d MMMM yyyy")))}");
        }
        v.ThrowIfAny();
        plan.StartedOn = input.StartedOn;
        plan.EndedOn = input.EndedOn;
        plan.InitialCategory = initial!;
        plan.LatestCategory = latest!;
        plan.PreviousPlans = input.PreviousPlans!.Value;
        plan.ReviewDates = input.ReviewDates.Order().ToList();
    }

    // ---------- shared ----------

    /// <summary>A date on the record: not in the future, not before the referral, not after the case closed.</summary>
    private void Dated(Validator v, RecordContext context, string field, string label, DateOnly date)
    {
        if (date > db.Today())
        {
            v.Add(field, $"{label} must be today or in the past");
        }
        else if (date < context.Referral.ReceivedOn)
        {
            v.Add(field, $"{label} cannot be before the referral was received on {context.Referral.ReceivedOn:d MMMM yyyy}");
        }
        else if (context.ClosedOn is { } closed && date > closed)
        {
            v.Add(field, $"{label} cannot be after the case closed on {closed:d MMMM yyyy}");
        }
    }

    private void Ending(Validator v, RecordContext context, string field, string label, DateOnly start, DateOnly? end, bool sameDayAllowed)
    {
        if (end is not { } e)
        {
            if (context.ClosedOn is { } closed)
            {
                v.Add(field, $"{label} is needed: the case closed on {closed:d MMMM yyyy}");
            }
            return;
        }
        if (e < start || (!sameDayAllowed && e == start))
        {
            v.Add(field, sameDayAllowed ? $"{label} cannot be before the start date" : $"{label} must be after the start date");
            return;
        }
        Dated(v, context, field, label, e);
    }

    /// <summary>Whether two periods (open when the end is null) overlap; <paramref name="touching"/> counts one ending the day the other starts.</summary>
    internal static bool Overlaps(DateOnly start, DateOnly? end, DateOnly otherStart, DateOnly? otherEnd, bool touching) =>
        touching
            ? start <= (otherEnd ?? DateOnly.MaxValue) && otherStart <= (end ?? DateOnly.MaxValue)
            : start < (otherEnd ?? DateOnly.MaxValue) && otherStart < (end ?? DateOnly.MaxValue);

    private static DateOnly EnquiryEnd(DateOnly start, DateOnly? conference, bool notRequired) =>
        conference ?? (notRequired ? start : DateOnly.MaxValue);

    private static string Period(DateOnly start, DateOnly? end) =>
        end is { } e ? $"{start:d MMMM yyyy} to {e:d MMMM yyyy}" : $"open since {start:d MMMM yyyy}";

    private async Task<(List<CinPlanPeriod> Plans, List<ProtectionPlan> Protection, List<Section47Enquiry> Enquiries)> ChildsOtherRecordsAsync(Guid personId, Guid except, CancellationToken ct) =>
        (await db.Set<CinPlanPeriod>().AsNoTracking().Where(p => p.PersonId == personId && p.Id != except).ToListAsync(ct),
         await db.Set<ProtectionPlan>().AsNoTracking().Where(p => p.PersonId == personId && p.Id != except).ToListAsync(ct),
         await db.Set<Section47Enquiry>().AsNoTracking().Where(p => p.PersonId == personId && p.Id != except).ToListAsync(ct));

    private async Task<RecordContext> ContextAsync(ActorContext actor, Guid referralId, Guid personId, CancellationToken ct)
    {
        var referral = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children).SingleOrDefaultAsync(r => r.Id == referralId, ct);
        if (referral is null || referral.Children.All(c => c.PersonId != personId))
        {
            throw NotFound("child's referral");
        }
        var record = await db.Set<ChildInNeedRecord>().SingleOrDefaultAsync(r => r.ReferralId == referralId && r.PersonId == personId, ct);
        return await ContextAsync(referral, personId, record, ct);
    }

    private async Task<RecordContext> ContextOfAsync(ActorContext actor, Guid recordId, CancellationToken ct)
    {
        var record = await db.Set<ChildInNeedRecord>().InScope(actor).SingleOrDefaultAsync(r => r.Id == recordId, ct) ?? throw NotFound("child in need record");
        var referral = await db.Set<Referral>().AsNoTracking().SingleAsync(r => r.Id == record.ReferralId, ct);
        return await ContextAsync(referral, record.PersonId, record, ct);
    }

    private async Task<RecordContext> ContextAsync(Referral referral, Guid personId, ChildInNeedRecord? record, CancellationToken ct)
    {
        var closedOn = referral.EpisodeId is { } e
            ? await db.Set<Episode>().Where(x => x.Id == e).Select(x => x.ClosedOn).SingleAsync(ct)
            : IsNoFurtherAction(referral) ? referral.DecidedOn ?? referral.ReceivedOn : null;
        return new RecordContext(referral, personId, record, closedOn);
    }

    private sealed record RecordContext(Referral Referral, Guid PersonId, ChildInNeedRecord? Record, DateOnly? ClosedOn)
    {
        public ChildInNeedRecord NewRecord() => new()
        {
            ReferralId = Referral.Id, PersonId = PersonId, FamilyId = Referral.FamilyId, TeamId = Referral.TeamId,
        };

        /// <summary>Adds a new row under the child's record, starting the record when the child has none yet.</summary>
        public void Attach<T>(HearthDbContext db, Action<ChildInNeedRecord> add, T row) where T : Entity
        {
            var record = Record;
            if (record is null)
            {
                record = NewRecord();
                db.Add(record);
            }
            add(record);
            switch (row)
            {
                case CinPlanPeriod p: p.RecordId = record.Id; break;
                case Section47Enquiry s: s.RecordId = record.Id; break;
                case ProtectionPlan c: c.RecordId = record.Id; break;
            }
            // Added explicitly: a child row with its key already set would otherwise be taken for an existing row.
            db.Add(row);
        }

        public void RefuseNoFurtherAction(Validator v, string what)
        {
            if (IsNoFurtherAction(Referral))
            {
                v.Add("Referral", $"This referral needed no further action, so it cannot have {what}");
            }
        }
    }

    private static AccessDeniedException NotFound(string what) => new($"That {what} does not exist or is not in your teams.");
}
