using System.Globalization;

namespace Hearth.Core.Results;

/// <summary>One member's evidence, as the rules read it.</summary>
public sealed record SubjectEvidence(Guid SubjectId, string Label, DateOnly? DateOfBirth, IReadOnlyList<EvidenceFact> Facts);

/// <summary>A family's (or a not-yet-known household's) evidence: every member's facts.</summary>
public sealed record FamilyEvidence(IReadOnlyList<SubjectEvidence> Members)
{
    public IEnumerable<(SubjectEvidence Member, EvidenceFact Fact)> All => Members.SelectMany(m => m.Facts.Select(f => (m, f)));
}

/// <summary>One rule's verdict with its arithmetic in words, and the facts it used.</summary>
public sealed record RuleOutcome(string Name, bool Applies, bool Met, string Computation, IReadOnlyList<Guid> EvidenceIds);

public sealed record CriterionOutcome(string Key, string Name, bool Local, bool Met, IReadOnlyList<RuleOutcome> Conditions);

public sealed record EligibilityOutcome(bool Eligible, IReadOnlyList<CriterionOutcome> Criteria)
{
    public IReadOnlySet<string> MetKeys => Criteria.Where(c => c.Met).Select(c => c.Key).ToHashSet();
}

/// <summary>A result as of a date: met or not, since when, and from when it can be claimed once sustained.</summary>
public sealed record ResultOutcome(string Key, string Name, bool Met, DateOnly? AchievedSince, DateOnly? ClaimableFrom, bool Claimable, decimal Amount, IReadOnlyList<RuleOutcome> Rules);

/// <summary>
/// The frameworks' arithmetic, as pure functions of one family's evidence (the database selects the evidence).
/// Windows: "the last N months" as of D is the day after D minus N months up to D; the baseline is the N months up to
/// the day before attachment; "the last N terms" are the N latest terms ending on or before D.
/// </summary>
public static class ResultsEngine
{
    public static int FinancialYear(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;

    public static string FinancialYearLabel(int year) => $"{year}/{(year + 1) % 100:00}";

    public static decimal AttachmentFee(FrameworkDefinition f, DateOnly attachedOn) =>
        f.Payments.AttachmentFee ?? f.Payments.PerFamily * f.Payments.AttachmentShareByYear.GetValueOrDefault(FinancialYear(attachedOn).ToString(CultureInfo.InvariantCulture));

    public static decimal ResultAmount(FrameworkDefinition f, ResultDefinition r, DateOnly attachedOn) =>
        r.Amount ?? Math.Max(0, f.Payments.PerFamily - AttachmentFee(f, attachedOn) - (r.RemainderLess ?? 0));

    public static EligibilityOutcome Eligibility(FrameworkDefinition f, FamilyEvidence e, DateOnly on)
    {
        var criteria = f.Eligibility.Criteria.Select(c =>
        {
            var conditions = c.AnyOf.Select(r => Evaluate(r, e, on, null)).ToList();
            return new CriterionOutcome(c.Key, c.Name, c.Local, conditions.Any(x => x.Met), conditions);
        }).ToList();
        var national = criteria.Count(c => c.Met && !c.Local);
        var local = criteria.Any(c => c.Met && c.Local);
        var eligible = national >= f.Eligibility.MinCriteria
            || (f.Eligibility.WithLocalDiscretion > 0 && national >= f.Eligibility.WithLocalDiscretion && local);
        if (f.Eligibility.NeedsChildren && !e.Members.Any(m => IsChildOn(m, on) ?? m.Facts.Any(x => SchoolKinds.Contains(x.Kind))))
        {
            eligible = false;
        }
        return new EligibilityOutcome(eligible, criteria);
    }

    /// <summary>The result as of <paramref name="asOf"/>. Met since = the first day of the unbroken run of days on which it was met.</summary>
    public static ResultOutcome Result(FrameworkDefinition f, ResultDefinition r, FamilyEvidence e, DateOnly attachedOn, IReadOnlySet<string> criteriaAtAttachment, DateOnly asOf)
    {
        var (met, rules) = ResultOn(r, e, attachedOn, criteriaAtAttachment, asOf);
        DateOnly? since = null, claimableFrom = null;
        if (met)
        {
            var day = asOf;
            while (day > attachedOn && ResultOn(r, e, attachedOn, criteriaAtAttachment, day.AddDays(-1)).Met)
            {
                day = day.AddDays(-1);
            }
            since = day;
            claimableFrom = day.AddMonths(r.SustainMonths);
        }
        return new ResultOutcome(r.Key, r.Name, met, since, claimableFrom, met && claimableFrom <= asOf, ResultAmount(f, r, attachedOn), rules);
    }

    private static (bool Met, IReadOnlyList<RuleOutcome> Rules) ResultOn(ResultDefinition r, FamilyEvidence e, DateOnly attachedOn, IReadOnlySet<string> criteria, DateOnly on)
    {
        var rules = r.Rules.Select(rule => rule.AppliesIf is { } key && !criteria.Contains(key)
            ? new RuleOutcome(rule.Name, false, false, $"{rule.Name}: does not apply (the family did not meet \"{key}\" when attached)", [])
            : Evaluate(rule, e, on, attachedOn)).ToList();
        var applicable = rules.Where(x => x.Applies).ToList();
        return (applicable.Count > 0 && applicable.All(x => x.Met), rules);
    }

    public static RuleOutcome Evaluate(RuleDefinition rule, FamilyEvidence e, DateOnly on, DateOnly? attachedOn) => rule.Type switch
    {
        "count" => Count(rule, e, on),
        "spell" => Spell(rule, e, on),
        "need" => Need(rule, e, on),
        "absence-at-least" => Absence(rule, e, on, atLeast: true),
        "absence-below" => Absence(rule, e, on, atLeast: false),
        "exclusions-at-least" => Exclusions(rule, e, on, atLeast: true),
        "exclusions-below" => Exclusions(rule, e, on, atLeast: false),
        "reduction" => Reduction(rule, e, on, attachedOn ?? on),
        "employment" => Employment(rule, e, on, attachedOn ?? on),
        "since-attachment" => SinceAttachment(rule, e, on, attachedOn ?? on),
        "none-within" => NoneWithin(rule, e, on),
        "needs-resolved" => NeedsResolved(rule, e, on),
        _ => throw new InvalidOperationException($"Unknown rule type \"{rule.Type}\"."),
    };

    private static readonly EvidenceKind[] SchoolKinds =
        [EvidenceKind.SchoolAttendance, EvidenceKind.FixedTermExclusion, EvidenceKind.PermanentExclusion, EvidenceKind.AlternativeProvision, EvidenceKind.OffRoll];

    private static readonly EvidenceKind[] WorkKinds = [EvidenceKind.OutOfWorkBenefit, EvidenceKind.Employment, EvidenceKind.ProgressToWork];

    private static bool? IsChildOn(SubjectEvidence m, DateOnly on) => m.DateOfBirth is { } dob ? dob.AddYears(18) > on : null;

    /// <summary>Under 18 on the fact's date; without a birth date, school facts are about a child and work facts about an adult.</summary>
    private static bool Matches(string who, SubjectEvidence m, EvidenceFact f) => who switch
    {
        "child" => IsChildOn(m, f.From) ?? SchoolKinds.Contains(f.Kind),
        "adult" => !(IsChildOn(m, f.From) ?? !WorkKinds.Contains(f.Kind)),
        _ => true,
    };

    private static string Who(string who) => who switch { "child" => " by children", "adult" => " by adults", _ => "" };

    private static string Kinds(RuleDefinition r) => string.Join(" or ", r.Kinds.Select(KindName));

    public static string KindName(EvidenceKind k) => k switch
    {
        EvidenceKind.AsbIncident => "ASB incidents",
        EvidenceKind.AsbIntervention => "ASB interventions",
        EvidenceKind.ProvenOffence => "proven offences",
        EvidenceKind.FixedTermExclusion => "fixed-term exclusions",
        EvidenceKind.PermanentExclusion => "permanent exclusions",
        EvidenceKind.DomesticAbuseIncident => "domestic abuse incidents",
        EvidenceKind.ProgressToWork => "progress-to-work starts",
        EvidenceKind.Employment => "employment spells",
        EvidenceKind.OutOfWorkBenefit => "out-of-work benefit spells",
        EvidenceKind.AlternativeProvision => "alternative provision",
        EvidenceKind.OffRoll => "off roll",
        EvidenceKind.SchoolAttendance => "school attendance",
        EvidenceKind.NeedIdentified => "needs identified",
        EvidenceKind.NeedOutcomeAchieved => "outcomes achieved",
        _ => k.ToString(),
    };

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Pct(decimal p) => decimal.Round(p, 1).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Verdict(bool met) => met ? "met" : "not met";

    private static List<(SubjectEvidence M, EvidenceFact F)> Facts(FamilyEvidence e, RuleDefinition r, DateOnly fromInclusive, DateOnly toInclusive) =>
        e.All.Where(x => r.Kinds.Contains(x.Fact.Kind) && x.Fact.From >= fromInclusive && x.Fact.From <= toInclusive && Matches(r.Who, x.Member, x.Fact)).ToList();

    private static RuleOutcome Count(RuleDefinition r, FamilyEvidence e, DateOnly on)
    {
        var facts = Facts(e, r, on.AddMonths(-r.Months).AddDays(1), on);
        var met = facts.Count >= r.AtLeast;
        return new(r.Name, true, met, $"{Kinds(r)}{Who(r.Who)}: {facts.Count} in the {r.Months} months to {D(on)}, at least {r.AtLeast} needed: {Verdict(met)}", facts.Select(x => x.F.Id).ToList());
    }

    private static RuleOutcome Spell(RuleDefinition r, FamilyEvidence e, DateOnly on)
    {
        var running = e.All.Where(x => r.Kinds.Contains(x.Fact.Kind) && x.Fact.From <= on && (x.Fact.To is null || x.Fact.To >= on) && Matches(r.Who, x.Member, x.Fact)).ToList();
        var text = running.Count > 0
            ? $"{Kinds(r)}{Who(r.Who)}: {string.Join("; ", running.Select(x => $"{x.Member.Label} since {D(x.Fact.From)}"))}, running on {D(on)}: met"
            : $"{Kinds(r)}{Who(r.Who)}: none running on {D(on)}: not met";
        return new(r.Name, true, running.Count > 0, text, running.Select(x => x.Fact.Id).ToList());
    }

    private static string OutcomeOf(string? code) => code is null ? "" : code.Split(':')[0];

    private static RuleOutcome Need(RuleDefinition r, FamilyEvidence e, DateOnly on)
    {
        var from = on.AddMonths(-r.Months).AddDays(1);
        var needs = e.All.Where(x => x.Fact.Kind == EvidenceKind.NeedIdentified && OutcomeOf(x.Fact.Code) == r.Outcome && x.Fact.From >= from && x.Fact.From <= on).ToList();
        var met = needs.Count > 0;
        var text = met
            ? $"Need \"{r.Outcome}\": {string.Join("; ", needs.Select(x => $"{x.Fact.Code} for {x.Member.Label} on {D(x.Fact.From)}"))}: met"
            : $"Need \"{r.Outcome}\": none identified in the {r.Months} months to {D(on)}: not met";
        return new(r.Name, true, met, text, needs.Select(x => x.Fact.Id).ToList());
    }

    /// <summary>The child's last N terms ending on or before the date, latest first.</summary>
    private static List<EvidenceFact> LastTerms(SubjectEvidence m, int terms, DateOnly on) =>
        m.Facts.Where(f => f.Kind == EvidenceKind.SchoolAttendance && f.To is { } to && to <= on).OrderByDescending(f => f.To).Take(terms).ToList();

    private static RuleOutcome Absence(RuleDefinition r, FamilyEvidence e, DateOnly on, bool atLeast)
    {
        var lines = new List<string>();
        var used = new List<Guid>();
        var verdicts = new List<bool>();
        foreach (var m in e.Members)
        {
            var terms = LastTerms(m, r.Terms, on);
            if (terms.Count == 0)
            {
                continue;
            }
            var possible = terms.Sum(t => t.SessionsPossible ?? 0);
            var unauthorised = terms.Sum(t => t.UnauthorisedAbsences ?? 0);
            var pct = possible == 0 ? 0m : unauthorised * 100m / possible;
            var met = atLeast ? pct >= r.Percent : pct < r.Percent;
            verdicts.Add(met);
            used.AddRange(terms.Select(t => t.Id));
            lines.Add($"{m.Label}: {unauthorised} of {possible} sessions unauthorised ({Pct(pct)}) over {terms.Count} term(s) {D(terms.Min(t => t.From))} to {D(terms.Max(t => t.To!.Value))}");
        }
        if (verdicts.Count == 0)
        {
            return new(r.Name, true, false, $"Unauthorised absence: no attendance recorded for terms ending by {D(on)}: not met", []);
        }
        // Eligibility needs one child at or over the threshold; a result needs every child under it.
        var ok = atLeast ? verdicts.Any(v => v) : verdicts.All(v => v);
        var threshold = atLeast ? $"{Pct(r.Percent)} or more" : $"under {Pct(r.Percent)}";
        return new(r.Name, true, ok, $"Unauthorised absence: {string.Join("; ", lines)}, threshold {threshold}: {Verdict(ok)}", used);
    }

    private static RuleOutcome Exclusions(RuleDefinition r, FamilyEvidence e, DateOnly on, bool atLeast)
    {
        var lines = new List<string>();
        var used = new List<Guid>();
        var verdicts = new List<bool>();
        foreach (var m in e.Members)
        {
            var terms = LastTerms(m, r.Terms, on);
            var start = terms.Count > 0 ? terms.Min(t => t.From) : on.AddMonths(-12).AddDays(1);
            var fixedTerm = m.Facts.Where(f => f.Kind == EvidenceKind.FixedTermExclusion && f.From >= start && f.From <= on).ToList();
            var permanent = m.Facts.Where(f => f.Kind == EvidenceKind.PermanentExclusion && f.From >= start && f.From <= on).ToList();
            if (terms.Count == 0 && fixedTerm.Count == 0 && permanent.Count == 0)
            {
                continue;
            }
            var met = atLeast ? fixedTerm.Count >= r.AtLeast : fixedTerm.Count < r.Below && permanent.Count == 0;
            verdicts.Add(met);
            used.AddRange(fixedTerm.Select(f => f.Id).Concat(permanent.Select(f => f.Id)));
            lines.Add($"{m.Label}: {fixedTerm.Count} fixed-term exclusion(s){(permanent.Count > 0 ? $" and {permanent.Count} permanent" : "")} from {D(start)} to {D(on)}");
        }
        if (verdicts.Count == 0)
        {
            return new(r.Name, true, !atLeast, $"Exclusions: none recorded to {D(on)}: {Verdict(!atLeast)}", []);
        }
        var ok = atLeast ? verdicts.Any(v => v) : verdicts.All(v => v);
        var threshold = atLeast ? $"{r.AtLeast} or more" : $"fewer than {r.Below}";
        return new(r.Name, true, ok, $"Exclusions: {string.Join("; ", lines)}, threshold {threshold}: {Verdict(ok)}", used);
    }

    private static RuleOutcome Reduction(RuleDefinition r, FamilyEvidence e, DateOnly on, DateOnly attachedOn)
    {
        var baseline = Facts(e, r, attachedOn.AddMonths(-r.BaselineMonths), attachedOn.AddDays(-1));
        var measured = Facts(e, r, on.AddMonths(-r.MeasureMonths).AddDays(1), on);
        var what = $"{char.ToUpperInvariant(Kinds(r)[0])}{Kinds(r)[1..]}{Who(r.Who)}";
        if (baseline.Count == 0)
        {
            return new(r.Name, false, false, $"{what}: none in the {r.BaselineMonths} months before attachment: does not apply", []);
        }
        var reduction = (baseline.Count - measured.Count) * 100m / baseline.Count;
        var met = reduction >= r.Percent;
        var change = reduction >= 0 ? $"{Pct(reduction)} reduction" : $"{Pct(-reduction)} increase";
        return new(r.Name, true, met,
            $"{what}: {baseline.Count} in the {r.BaselineMonths} months before attachment, {measured.Count} in the last {r.MeasureMonths} months: {change}, threshold {Pct(r.Percent)}: {Verdict(met)}",
            baseline.Concat(measured).Select(x => x.F.Id).ToList());
    }

    private static RuleOutcome Employment(RuleDefinition r, FamilyEvidence e, DateOnly on, DateOnly attachedOn)
    {
        var spells = e.All.Where(x => x.Fact.Kind == EvidenceKind.Employment && x.Fact.From >= attachedOn && x.Fact.From <= on && Matches("adult", x.Member, x.Fact))
            .Select(x => (x.Member, x.Fact, Days: (x.Fact.To is { } to && to < on ? to : on).DayNumber - x.Fact.From.DayNumber + 1))
            .OrderByDescending(x => x.Days).ToList();
        var needed = r.Weeks * 7;
        if (spells.Count == 0)
        {
            return new(r.Name, true, false, $"Continuous employment: no adult started work since attachment on {D(attachedOn)}, {r.Weeks} weeks needed: not met", []);
        }
        var best = spells[0];
        var met = best.Days >= needed;
        return new(r.Name, true, met,
            $"Continuous employment: {best.Member.Label} employed from {D(best.Fact.From)}, {best.Days / 7} weeks {best.Days % 7} day(s) to {D(best.Fact.To is { } t && t < on ? t : on)}, threshold {r.Weeks} weeks: {Verdict(met)}",
            [best.Fact.Id]);
    }

    private static RuleOutcome SinceAttachment(RuleDefinition r, FamilyEvidence e, DateOnly on, DateOnly attachedOn)
    {
        var facts = Facts(e, r, attachedOn, on);
        var met = facts.Count >= r.AtLeast;
        return new(r.Name, true, met, $"{Kinds(r)}{Who(r.Who)}: {facts.Count} since attachment on {D(attachedOn)}, at least {r.AtLeast} needed: {Verdict(met)}", facts.Select(x => x.F.Id).ToList());
    }

    private static RuleOutcome NoneWithin(RuleDefinition r, FamilyEvidence e, DateOnly on)
    {
        var facts = Facts(e, r, on.AddMonths(-r.Months).AddDays(1), on);
        var met = facts.Count == 0;
        return new(r.Name, true, met, $"{Kinds(r)}{Who(r.Who)}: {facts.Count} in the last {r.Months} months to {D(on)}, none allowed: {Verdict(met)}", facts.Select(x => x.F.Id).ToList());
    }

    private static RuleOutcome NeedsResolved(RuleDefinition r, FamilyEvidence e, DateOnly on)
    {
        var needs = e.All.Where(x => x.Fact.Kind == EvidenceKind.NeedIdentified && x.Fact.From <= on && (r.Outcome is null || OutcomeOf(x.Fact.Code) == r.Outcome))
            .GroupBy(x => OutcomeOf(x.Fact.Code)).OrderBy(g => g.Key).ToList();
        if (needs.Count == 0)
        {
            return new(r.Name, false, false, $"Needs: none identified by {D(on)}: does not apply", []);
        }
        var lines = new List<string>();
        var used = new List<Guid>();
        var all = true;
        foreach (var need in needs)
        {
            var identified = need.Max(x => x.Fact.From);
            var outcome = e.All.Where(x => x.Fact.Kind == EvidenceKind.NeedOutcomeAchieved && OutcomeOf(x.Fact.Code) == need.Key && x.Fact.From >= identified && x.Fact.From <= on)
                .OrderBy(x => x.Fact.From).FirstOrDefault();
            used.AddRange(need.Select(x => x.Fact.Id));
            if (outcome.Fact is { } o)
            {
                used.Add(o.Id);
                lines.Add($"{need.Key}: identified {D(identified)}, positive outcome {D(o.From)}");
            }
            else
            {
                all = false;
                lines.Add($"{need.Key}: identified {D(identified)}, no positive outcome yet");
            }
        }
        return new(r.Name, true, all, $"Needs: {string.Join("; ", lines)}: {(all ? "every need met" : "not every need met")}: {Verdict(all)}", used);
    }
}
