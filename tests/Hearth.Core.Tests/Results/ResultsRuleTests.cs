using Hearth.Core.Results;

namespace Hearth.Core.Tests.Results;

/// <summary>The frameworks' thresholds at and either side, their windows at term and month boundaries, and sustainment.</summary>
public sealed class ResultsRuleTests
{
    private static readonly FrameworkDefinition Tf1 = ShippedFrameworks.All.Single(f => f.Code == ShippedFrameworks.TroubledFamilies1);
    private static readonly FrameworkDefinition Tf2 = ShippedFrameworks.All.Single(f => f.Code == ShippedFrameworks.TroubledFamilies2);
    private static readonly FrameworkDefinition Sf = ShippedFrameworks.All.Single(f => f.Code == ShippedFrameworks.SupportingFamilies);
    private static readonly DateOnly ChildBorn = new(2012, 5, 1);
    private static readonly DateOnly AdultBorn = new(1985, 5, 1);

    private static EvidenceFact Fact(EvidenceKind kind, DateOnly from, DateOnly? to = null, int? possible = null, int? unauthorised = null, string? code = null) => new()
    {
        Kind = kind, Source = "test", SourceRef = Guid.NewGuid().ToString(), From = from, To = to, SessionsPossible = possible, UnauthorisedAbsences = unauthorised,
        AuthorisedAbsences = possible is null ? null : 0, Code = code,
    };

    private static SubjectEvidence Person(DateOnly born, params IEnumerable<EvidenceFact> facts) => new(Guid.NewGuid(), born == ChildBorn ? "child" : "adult", born, facts.ToList());

    private static FamilyEvidence Family(params SubjectEvidence[] members) => new(members);

    private static RuleDefinition EligibilityRule(FrameworkDefinition f, string type) => f.Eligibility.Criteria.SelectMany(c => c.AnyOf).First(r => r.Type == type);

    private static RuleDefinition ResultRule(FrameworkDefinition f, string type, string? kind = null) =>
        f.Results.SelectMany(r => r.Rules).First(r => r.Type == type && (kind is null || r.Kinds.Contains(Enum.Parse<EvidenceKind>(kind))));

    /// <summary>Three autumn-spring-summer terms of 100 sessions each, ending 2026-07-22, with the given unauthorised absences in total.</summary>
    private static IEnumerable<EvidenceFact> ThreeTerms(int unauthorised) =>
    [
        Fact(EvidenceKind.SchoolAttendance, new(2025, 9, 3), new(2025, 12, 19), 100, unauthorised / 3 + unauthorised % 3),
        Fact(EvidenceKind.SchoolAttendance, new(2026, 1, 5), new(2026, 3, 27), 100, unauthorised / 3),
        Fact(EvidenceKind.SchoolAttendance, new(2026, 4, 13), new(2026, 7, 22), 100, unauthorised / 3),
    ];

    private static readonly DateOnly AfterSummer = new(2026, 7, 31);

    [Theory]
    [InlineData(44, false, true)] // 14.7%
    [InlineData(45, true, false)] // exactly 15%: eligible, not yet a result
    [InlineData(46, true, false)] // 15.3%
    public void Unauthorised_absence_of_15_percent_over_3_terms(int unauthorised, bool eligible, bool result)
    {
        var family = Family(Person(ChildBorn, ThreeTerms(unauthorised)));
        Assert.Equal(eligible, ResultsEngine.Evaluate(EligibilityRule(Tf1, "absence-at-least"), family, AfterSummer, null).Met);
        var outcome = ResultsEngine.Evaluate(ResultRule(Tf1, "absence-below"), family, AfterSummer, new DateOnly(2025, 9, 1));
        Assert.Equal(result, outcome.Met);
        Assert.Contains($"{unauthorised} of 300 sessions unauthorised", outcome.Computation);
    }

    [Fact]
    public void The_absence_computation_is_shown_in_words()
    {
        var outcome = ResultsEngine.Evaluate(ResultRule(Tf1, "absence-below"), Family(Person(ChildBorn, ThreeTerms(45))), AfterSummer, new DateOnly(2025, 9, 1));
        Assert.Equal("Unauthorised absence: child: 45 of 300 sessions unauthorised (15%) over 3 term(s) 2025-09-03 to 2026-07-22, threshold under 15%: not met", outcome.Computation);
    }

    [Theory]
    [InlineData(2, false, true)]
    [InlineData(3, true, false)]
    [InlineData(4, true, false)]
    public void Three_fixed_term_exclusions_in_3_terms(int exclusions, bool eligible, bool result)
    {
        var facts = ThreeTerms(0).Concat(Enumerable.Range(0, exclusions).Select(i => Fact(EvidenceKind.FixedTermExclusion, new DateOnly(2026, 2, 2).AddDays(i * 7))));
        var family = Family(Person(ChildBorn, facts));
        Assert.Equal(eligible, ResultsEngine.Evaluate(EligibilityRule(Tf1, "exclusions-at-least"), family, AfterSummer, null).Met);
        Assert.Equal(result, ResultsEngine.Evaluate(ResultRule(Tf1, "exclusions-below"), family, AfterSummer, new DateOnly(2025, 9, 1)).Met);
    }

    [Fact]
    public void The_last_3_terms_include_a_term_from_its_last_day_and_not_before()
    {
        // An earlier clean term, then three terms whose last (summer) holds all the absence.
        var facts = new[]
        {
            Fact(EvidenceKind.SchoolAttendance, new(2025, 4, 14), new(2025, 7, 18), 100, 0),
            Fact(EvidenceKind.SchoolAttendance, new(2025, 9, 3), new(2025, 12, 19), 100, 0),
            Fact(EvidenceKind.SchoolAttendance, new(2026, 1, 5), new(2026, 3, 27), 100, 0),
            Fact(EvidenceKind.SchoolAttendance, new(2026, 4, 13), new(2026, 7, 22), 100, 60),
        };
        var family = Family(Person(ChildBorn, facts));
        var rule = EligibilityRule(Tf1, "absence-at-least");
        var dayBefore = ResultsEngine.Evaluate(rule, family, new DateOnly(2026, 7, 21), null);
        Assert.False(dayBefore.Met);
        Assert.Contains("0 of 300 sessions", dayBefore.Computation);
        var lastDay = ResultsEngine.Evaluate(rule, family, new DateOnly(2026, 7, 22), null);
        Assert.True(lastDay.Met);
        Assert.Contains("60 of 300 sessions unauthorised (20%) over 3 term(s) 2025-09-03 to 2026-07-22", lastDay.Computation);
    }

    [Theory]
    [InlineData(3, true)] // 70% reduction
    [InlineData(4, true)] // exactly 60%
    [InlineData(5, false)] // 50%
    public void Anti_social_behaviour_reduced_by_60_percent_across_the_family(int lastSixMonths, bool met)
    {
        var attached = new DateOnly(2026, 1, 15);
        var before = Enumerable.Range(0, 10).Select(i => Fact(EvidenceKind.AsbIncident, new DateOnly(2025, 8, 1).AddDays(i * 7)));
        var after = Enumerable.Range(0, lastSixMonths).Select(i => Fact(EvidenceKind.AsbIncident, new DateOnly(2026, 3, 1).AddDays(i * 7)));
        var family = Family(Person(AdultBorn, before), Person(ChildBorn, after));
        var outcome = ResultsEngine.Evaluate(ResultRule(Tf1, "reduction", "AsbIncident"), family, new DateOnly(2026, 7, 15), attached);
        Assert.Equal(met, outcome.Met);
        Assert.StartsWith($"ASB incidents: 10 in the 6 months before attachment, {lastSixMonths} in the last 6 months: {100 - lastSixMonths * 10}% reduction, threshold 60%: ", outcome.Computation);
    }

    [Fact]
    public void The_issue_s_example_reads_as_written()
    {
        var attached = new DateOnly(2026, 1, 15);
        var family = Family(Person(AdultBorn,
            Enumerable.Range(0, 5).Select(i => Fact(EvidenceKind.AsbIncident, new DateOnly(2025, 9, 1).AddDays(i)))
                .Concat(Enumerable.Range(0, 2).Select(i => Fact(EvidenceKind.AsbIncident, new DateOnly(2026, 5, 1).AddDays(i))))));
        var outcome = ResultsEngine.Evaluate(ResultRule(Tf1, "reduction", "AsbIncident"), family, new DateOnly(2026, 7, 15), attached);
        Assert.Equal("ASB incidents: 5 in the 6 months before attachment, 2 in the last 6 months: 60% reduction, threshold 60%: met", outcome.Computation);
    }

    [Theory]
    [InlineData(66, true)] // 34% reduction
    [InlineData(67, true)] // exactly 33%
    [InlineData(68, false)] // 32%
    public void Offending_by_minors_reduced_by_33_percent(int lastSixMonths, bool met)
    {
        var attached = new DateOnly(2026, 1, 15);
        var before = Enumerable.Range(0, 100).Select(i => Fact(EvidenceKind.ProvenOffence, new DateOnly(2025, 8, 1).AddDays(i % 150)));
        var after = Enumerable.Range(0, lastSixMonths).Select(i => Fact(EvidenceKind.ProvenOffence, new DateOnly(2026, 2, 1).AddDays(i % 150)));
        // An adult's offences do not count: the rule is about minors.
        var adult = Person(AdultBorn, Enumerable.Range(0, 50).Select(i => Fact(EvidenceKind.ProvenOffence, new DateOnly(2026, 3, 1).AddDays(i))));
        var family = Family(Person(ChildBorn, before.Concat(after)), adult);
        var outcome = ResultsEngine.Evaluate(ResultRule(Tf1, "reduction", "ProvenOffence"), family, new DateOnly(2026, 7, 15), attached);
        Assert.Equal(met, outcome.Met);
        Assert.Contains($"100 in the 6 months before attachment, {lastSixMonths} in the last 6 months", outcome.Computation);
    }

    [Fact]
    public void Reduction_windows_end_at_month_boundaries()
    {
        var attached = new DateOnly(2026, 1, 15);
        var asOf = new DateOnly(2026, 7, 15);
        var rule = ResultRule(Tf1, "reduction", "AsbIncident");
        // Baseline: 2025-07-15 to 2026-01-14. Measured: 2026-01-16 to 2026-07-15.
        var family = Family(Person(AdultBorn,
            Fact(EvidenceKind.AsbIncident, new(2025, 7, 14)), // a day before the baseline
            Fact(EvidenceKind.AsbIncident, new(2025, 7, 15)), // first day of the baseline
            Fact(EvidenceKind.AsbIncident, new(2026, 1, 14)), // last day of the baseline
            Fact(EvidenceKind.AsbIncident, new(2026, 1, 15)), // attachment day: neither window
            Fact(EvidenceKind.AsbIncident, new(2026, 7, 15)))); // the last day measured
        var outcome = ResultsEngine.Evaluate(rule, family, asOf, attached);
        Assert.StartsWith("ASB incidents: 2 in the 6 months before attachment, 1 in the last 6 months: 50% reduction", outcome.Computation);
        // A day earlier the measured window is 2026-01-15 to 2026-07-14: the attachment day's incident is in, the last day's not yet.
        Assert.StartsWith("ASB incidents: 2 in the 6 months before attachment, 1 in the last 6 months", ResultsEngine.Evaluate(rule, family, asOf.AddDays(-1), attached).Computation);
    }

    [Fact]
    public void The_last_12_months_start_the_day_after_the_same_date_a_year_earlier()
    {
        var rule = Tf1.Eligibility.Criteria.Single(c => c.Key == "crime-asb").AnyOf.Single(r => r.Kinds.Contains(EvidenceKind.AsbIntervention));
        var on = new DateOnly(2026, 6, 30);
        Assert.False(ResultsEngine.Evaluate(rule, Family(Person(AdultBorn, Fact(EvidenceKind.AsbIntervention, new(2025, 6, 30)))), on, null).Met);
        Assert.True(ResultsEngine.Evaluate(rule, Family(Person(AdultBorn, Fact(EvidenceKind.AsbIntervention, new(2025, 7, 1)))), on, null).Met);
    }

    [Theory]
    [InlineData(90, false)]
    [InlineData(91, true)] // 13 weeks exactly
    [InlineData(92, true)]
    public void Continuous_employment_for_13_weeks(int days, bool met)
    {
        var attached = new DateOnly(2026, 1, 15);
        var started = new DateOnly(2026, 2, 2);
        var family = Family(Person(AdultBorn, Fact(EvidenceKind.OutOfWorkBenefit, new(2024, 1, 1), new(2026, 2, 1)), Fact(EvidenceKind.Employment, started)));
        var result = ResultsEngine.Result(Tf1, Tf1.Result("c")!, family, attached, new HashSet<string>(), started.AddDays(days - 1));
        Assert.Equal(met, result.Met);
    }

    [Fact]
    public void A_job_that_ended_counts_only_to_its_end_and_a_job_before_attachment_not_at_all()
    {
        var attached = new DateOnly(2026, 1, 15);
        var rule = ResultRule(Tf1, "employment");
        var ended = Family(Person(AdultBorn, Fact(EvidenceKind.Employment, new(2026, 2, 2), new(2026, 4, 30))));
        Assert.False(ResultsEngine.Evaluate(rule, ended, new DateOnly(2026, 9, 1), attached).Met); // 88 days
        var before = Family(Person(AdultBorn, Fact(EvidenceKind.Employment, new(2026, 1, 14))));
        Assert.False(ResultsEngine.Evaluate(rule, before, new DateOnly(2026, 9, 1), attached).Met);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Supporting_Families_needs_at_least_3_needs(int needs, bool eligible)
    {
        var outcomes = new[] { "education", "housing", "health", "crime" };
        var family = Family(Person(ChildBorn, outcomes.Take(needs).Select(o => Fact(EvidenceKind.NeedIdentified, new(2026, 3, 1), code: o))));
        Assert.Equal(eligible, ResultsEngine.Eligibility(Sf, family, new DateOnly(2026, 4, 1)).Eligible);
    }

    [Fact]
    public void Supporting_Families_needs_a_child_or_expectant_parent()
    {
        var needs = new[] { "education", "housing", "health" }.Select(o => Fact(EvidenceKind.NeedIdentified, new(2026, 3, 1), code: o));
        Assert.False(ResultsEngine.Eligibility(Sf, Family(Person(AdultBorn, needs)), new DateOnly(2026, 4, 1)).Eligible);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void Troubled_Families_phase_2_needs_at_least_2_problems(int problems, bool eligible)
    {
        var facts = new[]
        {
            Fact(EvidenceKind.DomesticAbuseIncident, new(2026, 2, 1)),
            Fact(EvidenceKind.NeedIdentified, new(2026, 2, 1), code: "health"),
            Fact(EvidenceKind.NeedIdentified, new(2026, 2, 1), code: "children-need-help"),
        };
        Assert.Equal(eligible, ResultsEngine.Eligibility(Tf2, Family(Person(AdultBorn, facts.Take(problems))), new DateOnly(2026, 4, 1)).Eligible);
    }

    [Fact]
    public void Phase_1_needs_all_three_criteria_or_two_with_local_discretion()
    {
        var crime = Fact(EvidenceKind.AsbIntervention, new(2026, 2, 1));
        var work = Fact(EvidenceKind.OutOfWorkBenefit, new(2025, 1, 1));
        var local = Fact(EvidenceKind.NeedIdentified, new(2026, 2, 1), code: "local:eviction-risk");
        var on = new DateOnly(2026, 4, 1);
        Assert.False(ResultsEngine.Eligibility(Tf1, Family(Person(AdultBorn, crime, work)), on).Eligible);
        Assert.True(ResultsEngine.Eligibility(Tf1, Family(Person(AdultBorn, crime, work, local)), on).Eligible);
        Assert.True(ResultsEngine.Eligibility(Tf1, Family(Person(AdultBorn, crime, work), Person(ChildBorn, ThreeTerms(60))), AfterSummer).Eligible);
    }

    [Fact]
    public void A_result_is_claimable_once_sustained_for_its_period()
    {
        var attached = new DateOnly(2025, 2, 1);
        var needs = new[] { "education", "housing", "health" };
        var facts = needs.Select(o => Fact(EvidenceKind.NeedIdentified, new(2025, 1, 10), code: o))
            .Concat([Fact(EvidenceKind.NeedOutcomeAchieved, new(2025, 4, 1), code: "education"), Fact(EvidenceKind.NeedOutcomeAchieved, new(2025, 5, 1), code: "housing:homeless-risk"),
                Fact(EvidenceKind.NeedOutcomeAchieved, new(2025, 6, 1), code: "health")]);
        var family = Family(Person(ChildBorn, facts));
        var result = Sf.Result("outcomes")!;
        var notYet = ResultsEngine.Result(Sf, result, family, attached, new HashSet<string>(), new DateOnly(2025, 11, 30));
        Assert.True(notYet.Met);
        Assert.Equal(new DateOnly(2025, 6, 1), notYet.AchievedSince);
        Assert.Equal(new DateOnly(2025, 12, 1), notYet.ClaimableFrom);
        Assert.False(notYet.Claimable);
        Assert.True(ResultsEngine.Result(Sf, result, family, attached, new HashSet<string>(), new DateOnly(2025, 12, 1)).Claimable);
        var before = ResultsEngine.Result(Sf, result, family, attached, new HashSet<string>(), new DateOnly(2025, 5, 31));
        Assert.False(before.Met);
        Assert.Null(before.ClaimableFrom);
    }

    [Fact]
    public void A_relapse_restarts_the_sustainment_period()
    {
        var attached = new DateOnly(2025, 2, 1);
        var result = Tf2.Result("progress")!;
        // Domestic abuse only: no incident in the last 6 months is the result; an incident on 2025-09-10 breaks the run.
        var family = Family(Person(AdultBorn, Fact(EvidenceKind.DomesticAbuseIncident, new(2025, 1, 5)), Fact(EvidenceKind.DomesticAbuseIncident, new(2025, 1, 20)),
            Fact(EvidenceKind.DomesticAbuseIncident, new(2025, 9, 10))));
        var criteria = new HashSet<string> { "domestic-abuse" };
        var outcome = ResultsEngine.Result(Tf2, result, family, attached, criteria, new DateOnly(2026, 9, 30));
        // The 6 months to 2026-03-10 are 2025-09-11 to 2026-03-10: the first day without the incident in them.
        Assert.Equal(new DateOnly(2026, 3, 10), outcome.AchievedSince);
        Assert.Equal(new DateOnly(2026, 9, 10), outcome.ClaimableFrom);
        Assert.True(outcome.Claimable);
        Assert.Contains(outcome.Rules, r => !r.Applies && r.Computation.Contains("does not apply", StringComparison.Ordinal));
    }

    [Fact]
    public void Phase_1_payments_follow_the_attachment_year()
    {
        Assert.Equal(3200m, ResultsEngine.AttachmentFee(Tf1, new DateOnly(2012, 6, 1)));
        Assert.Equal(700m, ResultsEngine.ResultAmount(Tf1, Tf1.Result("a")!, new DateOnly(2012, 6, 1)));
        Assert.Equal(100m, ResultsEngine.ResultAmount(Tf1, Tf1.Result("b")!, new DateOnly(2012, 6, 1)));
        Assert.Equal(800m, ResultsEngine.ResultAmount(Tf1, Tf1.Result("c")!, new DateOnly(2012, 6, 1)));
        // 31 March 2014 is still 2013/14; 1 April 2014 starts 2014/15.
        Assert.Equal(2400m, ResultsEngine.AttachmentFee(Tf1, new DateOnly(2014, 3, 31)));
        Assert.Equal(1600m, ResultsEngine.AttachmentFee(Tf1, new DateOnly(2014, 4, 1)));
        Assert.Equal(2300m, ResultsEngine.ResultAmount(Tf1, Tf1.Result("a")!, new DateOnly(2014, 4, 1)));
        Assert.Equal((1000m, 800m), (ResultsEngine.AttachmentFee(Tf2, new DateOnly(2016, 1, 1)), ResultsEngine.ResultAmount(Tf2, Tf2.Result("progress")!, new DateOnly(2016, 1, 1))));
    }

    [Fact]
    public void York_s_grant_profile_is_the_phase_1_arithmetic()
    {
        // seeds/001 para 40: 315 families; up-front 330 / 240 / 96 = 666 and results 82 / 160 / 144 = 386 (£000).
        int[] families = [103, 100, 60];
        var years = families.Select((n, i) => FinanceService.Profile(Tf1, 2012 + i, n)).ToList();
        Assert.Equal([329_600m, 240_000m, 96_000m], years.Select(y => y.AttachmentFees));
        Assert.Equal([82_400m, 160_000m, 144_000m], years.Select(y => y.Results));
        Assert.Equal([330m, 240m, 96m], years.Select(y => Math.Round(y.AttachmentFees / 1000m)));
        Assert.Equal([82m, 160m, 144m], years.Select(y => Math.Round(y.Results / 1000m)));
        Assert.Equal((666m, 386m), (Math.Round(years.Sum(y => y.AttachmentFees) / 1000m), Math.Round(years.Sum(y => y.Results) / 1000m)));
        Assert.Equal(1_052_000m, years.Sum(y => y.AttachmentFees + y.Results));
    }

    [Fact]
    public void Every_shipped_framework_is_well_formed_and_cites_its_source()
    {
        Assert.Equal([ShippedFrameworks.SupportingFamilies, ShippedFrameworks.TroubledFamilies1, ShippedFrameworks.TroubledFamilies2], ShippedFrameworks.All.Select(f => f.Code).Order());
        foreach (var f in ShippedFrameworks.All)
        {
            Assert.Empty(f.Problems());
            Assert.NotEmpty(f.Source);
            Assert.StartsWith("Version 1 as shipped. Verified", f.Changes, StringComparison.Ordinal);
            Assert.Equal(f, FrameworkDefinition.FromJson(f.ToJson()) with { Eligibility = f.Eligibility, Results = f.Results, Payments = f.Payments, Outcomes = f.Outcomes });
        }
        Assert.Equal(10, Sf.Outcomes.Count);
        Assert.Equal(10, Sf.Eligibility.Criteria.Count);
    }
}
