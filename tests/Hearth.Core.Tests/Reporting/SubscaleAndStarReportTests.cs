using Hearth.Core.Measures;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Tests.Support;

namespace Hearth.Core.Tests.Reporting;

/// <summary>SDQ subscales before and after, and the Family Star Plus cohort star, from recorded forms (hand-worked figures).</summary>
public sealed class SubscaleAndStarReportTests : JourneyTestBase
{
    private static readonly ReportPeriod October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 2));

    private async Task<(Guid EpisodeId, Guid PersonId)> OpenAsync(string reference, DateOnly dob)
    {
        var (family, person) = await FamilyWithChildAsync(reference, dob: dob);
        var referral = await RecordAsync(Referral(family, person.Id, new DateOnly(2026, 9, 1)));
        var accepted = await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Accepted, new DateOnly(2026, 9, 1)));
        return (accepted.EpisodeId!.Value, person.Id);
    }

    private Task FormAsync(Guid episode, Guid person, string instrument, TimePoint point, DateOnly on, Func<string, string?> answer) =>
        InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner, new NewAdministration(episode, person, instrument, point, point == TimePoint.Review ? 1 : null,
            instrument.StartsWith("sdq", StringComparison.Ordinal) ? Respondent.Parent : Respondent.Worker, on,
            ((ItemInstrument)InstrumentCatalog.Find(instrument)!).Definition.Items.Select(i => answer(i.Key)).ToList())));

    private Task<ReportResult> RunAsync(string name) => InScope(s => Get<ReportService>(s).RunAsync(Manager, name, new ReportFilter(October)));

    [Fact]
    public async Task Sdq_subscales_are_compared_on_the_same_pairs_of_forms()
    {
        // All 25 items at one value scores emotional, conduct, hyperactivity, peer, prosocial:
        // 2 -> 10, 8, 6, 6, 10 (total 30); 1 -> 5 on each (total 20); 0 -> 0, 2, 4, 4, 0 (total 10).
        foreach (var (reference, before, after) in new[] { ("S-1", "2", "1"), ("S-2", "1", "0"), ("S-3", "2", "0") })
        {
            var (episode, child) = await OpenAsync(reference, new DateOnly(2016, 5, 1));
            var sdqItem = (string key) => int.TryParse(key, out var n) && n <= 25;
            await FormAsync(episode, child, "sdq-parent", TimePoint.Baseline, new DateOnly(2026, 9, 10), k => sdqItem(k) ? before : null);
            await FormAsync(episode, child, "sdq-parent", TimePoint.Review, new DateOnly(2026, 10, 20), k => sdqItem(k) ? after : null);
        }

        var result = await RunAsync("measures");

        var rows = result.Tables.Single(t => t.Key == "sdq-subscales").Rows.ToDictionary(r => (string)r[1]!);
        // Emotional: 10, 5, 10 -> 5, 0, 0; changes -5, -5, -10: mean -6.67, SD 2.887, SE 1.667, t = -4.0 on 2 df
        // (p = 0.0572), 95% CI -6.67 +/- 4.303 x 1.667 = -13.84 to 0.50.
        Assert.Equal(["Strengths and Difficulties Questionnaire, parent report (4-17)", "Emotional problems", 3L, 8.33, 1.67, -6.67, -13.84, 0.5, 0.0572], rows["Emotional problems"].Take(9));
        // Conduct: 8, 5, 8 -> 5, 2, 2; changes -3, -3, -6: mean -4, SE 1, t = -4.0; CI -4 +/- 4.303.
        Assert.Equal([3L, 7.0, 3.0, -4.0, -8.3, 0.3, 0.0572], rows["Conduct problems"].Skip(2).Take(7));
        // Prosocial (a strength) falls the same way as emotional here; the total goes 26.67 -> 13.33.
        Assert.Equal([8.33, 1.67, -6.67], rows["Prosocial behaviour"].Skip(3).Take(3));
        Assert.Equal([26.67, 13.33, -13.33], rows["Total difficulties"].Skip(3).Take(3));
        Assert.Equal(3L, result.Tables.Single(t => t.Key == "change").Rows.Single()[1]);
    }

    [Fact]
    public async Task The_cohort_star_averages_each_area_at_the_first_and_latest_reading()
    {
        // Two adults read twice: one 3 on every area then 5; one area k = k then k + 2 (at most 10).
        // A third read once is not in the cohort.
        var (e1, p1) = await OpenAsync("FS-1", new DateOnly(1990, 1, 1));
        await FormAsync(e1, p1, "family-star-plus", TimePoint.Baseline, new DateOnly(2026, 9, 10), _ => "3");
        await FormAsync(e1, p1, "family-star-plus", TimePoint.Closure, new DateOnly(2026, 10, 25), _ => "5");
        var (e2, p2) = await OpenAsync("FS-2", new DateOnly(1988, 1, 1));
        await FormAsync(e2, p2, "family-star-plus", TimePoint.Baseline, new DateOnly(2026, 9, 12), k => k);
        await FormAsync(e2, p2, "family-star-plus", TimePoint.Closure, new DateOnly(2026, 10, 28), k => Math.Min(10, int.Parse(k) + 2).ToString());
        var (e3, p3) = await OpenAsync("FS-3", new DateOnly(1985, 1, 1));
        await FormAsync(e3, p3, "family-star-plus", TimePoint.Baseline, new DateOnly(2026, 10, 3), _ => "9");

        var result = await RunAsync("cohort-star");

        var rows = result.Tables.Single().Rows;
        Assert.Equal(10, rows.Count);
        Assert.Equal(["Area 1", 2L, 2.0, 4.0, 2.0], rows[0]);   // (3 + 1) / 2 -> (5 + 3) / 2
        Assert.Equal(["Area 5", 2L, 4.0, 6.0, 2.0], rows[4]);   // (3 + 5) / 2 -> (5 + 7) / 2
        Assert.Equal(["Area 9", 2L, 6.0, 7.5, 1.5], rows[8]);   // (3 + 9) / 2 -> (5 + 10) / 2
        Assert.Equal(["Area 10", 2L, 6.5, 7.5, 1.0], rows[9]);  // (3 + 10) / 2 -> (5 + 10) / 2
        Assert.Equal(["first", "latest"], result.Chart!.ValueColumns);
    }

    [Fact]
    public async Task The_cohort_star_covers_only_the_managers_teams()
    {
        var (e1, p1) = await OpenAsync("FS-A", new DateOnly(1990, 1, 1));
        await FormAsync(e1, p1, "family-star-plus", TimePoint.Baseline, new DateOnly(2026, 9, 10), _ => "3");
        await FormAsync(e1, p1, "family-star-plus", TimePoint.Closure, new DateOnly(2026, 10, 25), _ => "5");

        var outside = await InScope(s => Get<ReportService>(s).RunAsync(OutsideManager, "cohort-star", new ReportFilter(October)));

        Assert.Empty(outside.Tables.Single().Rows);
    }
}
