using Hearth.Core.Episodes;
using Hearth.Core.Programmes;
using Hearth.Core.Reporting;
using Hearth.Core.Tests.Support;

namespace Hearth.Core.Tests.Reporting;

/// <summary>
/// The funnel reads each episode's phases by the programme version it opened under. IFSS version 2, effective
/// 1 July 2026, renames the assessment phase "assessment" to "family-assessment" and the intensive phase "phase1"
/// to "intensive". The period is 1 April to 2 November 2026:
/// <list type="bullet">
/// <item>A (version 1): referred 4 May, assessed 5 May, intensive 6 May, moved on to phase 2 on 20 June.</item>
/// <item>B (version 1): referred 10 May, assessed 11 May.</item>
/// <item>C (version 2): referred 3 August, assessed 4 August, intensive 5 August, moved on to phase 2 on 30 September.</item>
/// <item>D (version 2): referred 10 August, assessed 11 August.</item>
/// <item>E (version 2): referred 1 September, still in consultation.</item>
/// </list>
/// So 5 referrals; 4 progressed to assessment (80%); 2 accepted to the intensive phase (40%); 2 completed it (40%);
/// none completed phase 2. Reading every episode by version 2's names would give 2 assessed, 1 accepted, 1 completed.
/// </summary>
public sealed class FunnelProgrammeVersionTests : JourneyTestBase
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 4, 1), new DateOnly(2026, 11, 2));

    private async Task<Guid> OpenAsync(string reference, DateOnly received, string? assessment, string? intensive, DateOnly? movedOn = null)
    {
        var id = (await AcceptedEpisodeAsync(reference, received)).Id;
        if (assessment is not null)
        {
            await ActAsync(id, (s, v) => s.MoveToPhaseAsync(Practitioner, id, v, assessment, received.AddDays(1)));
        }
        if (intensive is not null)
        {
            await ActAsync(id, (s, v) => s.RecordAssessmentDecisionAsync(Practitioner, id, v, AssessmentDecision.Proceed, received.AddDays(2)));
            await ActAsync(id, (s, v) => s.MoveToPhaseAsync(Practitioner, id, v, intensive, received.AddDays(2)));
        }
        if (movedOn is { } on)
        {
            await ActAsync(id, (s, v) => s.MoveToPhaseAsync(Practitioner, id, v, "phase2", on));
        }
        return id;
    }

    [Fact]
    public async Task Each_episode_is_counted_by_the_phase_names_of_the_programme_version_it_opened_under()
    {
        var v1 = ShippedProgrammes.All.Single(p => p.Code == ShippedProgrammes.Ifss).Definition;
        var v2 = v1 with
        {
            Phases = [.. v1.Phases.Select(p => p.Key switch
            {
                "assessment" => p with { Key = "family-assessment" },
                "phase1" => p with { Key = "intensive" },
                _ => p,
            })],
        };
        var published = await InScope(s => Get<ProgrammeService>(s).PublishAsync(Admin, ShippedProgrammes.Ifss, "Integrated Family Support Service", v2, new DateOnly(2026, 7, 1)));

        var a = await OpenAsync("F-A", new DateOnly(2026, 5, 4), "assessment", "phase1", new DateOnly(2026, 6, 20));
        await OpenAsync("F-B", new DateOnly(2026, 5, 10), "assessment", null);
        var c = await OpenAsync("F-C", new DateOnly(2026, 8, 3), "family-assessment", "intensive", new DateOnly(2026, 9, 30));
        await OpenAsync("F-D", new DateOnly(2026, 8, 10), "family-assessment", null);
        await OpenAsync("F-E", new DateOnly(2026, 9, 1), null, null);
        Assert.NotEqual(published.Id, (await EpisodeAsync(a)).ProgrammeVersionId);
        Assert.Equal(published.Id, (await EpisodeAsync(c)).ProgrammeVersionId);

        var result = await InScope(s => Get<ReportService>(s).RunAsync(Manager, "funnel", new ReportFilter(Period)));

        var row = result.Tables[0].Rows.Single(r => (string)r[0]! == Ifss.Name);
        // Referrals, inappropriate, assessed, re-referrals, accepted, completed intensive, completed step-down.
        Assert.Equal([5L, 0L, 4L, 0L, 2L, 2L, 0L], new[] { 1, 2, 4, 6, 8, 10, 12 }.Select(i => (long)row[i]!));
        Assert.Equal([80.0, 40.0, 40.0], new[] { 5, 9, 11 }.Select(i => (double)row[i]!));
    }
}
