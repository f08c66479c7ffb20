using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Sessions, boosters and workers' time.</summary>
public sealed class SessionServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task Booster_sessions_stop_at_the_programme_maximum_until_a_manager_approves_one_with_a_reason()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var day = new DateOnly(2026, 10, 1);
        for (var i = 0; i < 3; i++)
        {
            await Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(i), 10, 60, SessionType.Booster)));
        }

        var fourth = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(5), 10, 60, SessionType.Booster))));
        Assert.Equal("Type", Assert.Single(fourth.Errors).Field);
        Assert.Contains("allows 3 booster sessions and 3 are used", fourth.Errors[0].Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions(s => s.ApproveExtraBoosterAsync(Practitioner, Episode.Id, "Relapse risk at Christmas")));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.ApproveExtraBoosterAsync(Manager, Episode.Id, " ")));
        Assert.Equal("Reason", blank.Errors.Single().Field);

        var approval = await Sessions(s => s.ApproveExtraBoosterAsync(Manager, Episode.Id, "Relapse risk at Christmas"));
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(5), 10, 60, SessionType.Booster)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(6), 10, 60, SessionType.Booster))));

        var count = await Sessions(s => s.BoostersAsync(Practitioner, Episode.Id));
        Assert.Equal(new BoosterCount(4, 3, 1), count);
        Assert.Equal(4, (await EpisodeAsync(Episode.Id)).BoosterSessions);
        var audit = await Query(d => d.AuditEvents.SingleAsync(e => e.EntityType == nameof(BoosterApproval) && e.EntityId == approval.Id.ToString()));
        Assert.Equal("Relapse risk at Christmas", audit.Reason);
        Assert.Equal("Morgan Manager", audit.ActorName);
    }

    [Fact]
    public async Task Quick_entry_of_boosters_beyond_the_limit_saves_none_of_the_day()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var day = new DateOnly(2026, 10, 1);
        await Sessions(s => s.RecordManyAsync(Practitioner, [SessionOn(day, 9, 60, SessionType.Booster), SessionOn(day, 11, 60, SessionType.Booster)]));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordManyAsync(Practitioner,
            [SessionOn(day.AddDays(1), 9, 30), SessionOn(day.AddDays(1), 10, 60, SessionType.Booster), SessionOn(day.AddDays(1), 12, 60, SessionType.Booster)])));

        Assert.Equal("Sessions[2].Type", Assert.Single(e.Errors).Field);
        Assert.Equal(2, await Query(d => d.Set<Session>().CountAsync()));
    }

    [Fact]
    public async Task Time_totals_are_summed_per_episode_and_phase()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Sessions(s => s.RecordManyAsync(Practitioner,
        [
            SessionOn(new DateOnly(2025, 12, 10), 9, 120),
            SessionOn(new DateOnly(2025, 12, 10), 14, 90, SessionType.CommunityActivity),
            SessionOn(new DateOnly(2026, 1, 31), 10, 45, SessionType.Phone),
            SessionOn(new DateOnly(2026, 2, 10), 10, 60),
        ]));

        var totals = await Sessions(s => s.TimeTotalsAsync(Practitioner, Episode.Id));

        // 31 January is the day Phase 2 started, so that call counts in Phase 2.
        Assert.Equal(4, totals.Sessions);
        Assert.Equal(315, totals.Minutes);
        Assert.Equal([new PhaseTime("phase1", 2, 210), new PhaseTime("phase2", 2, 105)], totals.ByPhase);
    }

    [Fact]
    public async Task Bad_sessions_are_refused_whole_naming_each_field_and_the_row()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var backwards = SessionOn(new DateOnly(2025, 12, 10), 14, 60) with { End = new TimeOnly(13, 0) };
        var future = SessionOn(Today.AddDays(1), 10, 60);

        var one = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordAsync(Practitioner, backwards with { Date = Today.AddDays(1), WorkerIds = [] })));
        Assert.Equal(["Date", "End", "WorkerIds"], one.Errors.Select(x => x.Field));
        Assert.Contains("end after it starts", one.Errors[1].Message);

        var many = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordManyAsync(Practitioner, [SessionOn(new DateOnly(2025, 12, 11), 9, 30), backwards, future])));
        Assert.Equal(["Sessions[1].End", "Sessions[2].Date"], many.Errors.Select(x => x.Field));
        Assert.Contains("after today", many.Errors[1].Message);
        Assert.Equal(0, await Query(d => d.Set<Session>().CountAsync()));
        var today = await Sessions(s => s.RecordAsync(Practitioner, SessionOn(Today, 8, 30)));
        Assert.Equal(30, today.Minutes);
    }

    [Fact]
    public async Task A_workers_time_is_split_between_families_and_other_work_within_the_period()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 10, 20), 10, 90)));
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 10, 21), 14, 60)));
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 9, 1), 14, 60)));
        foreach (var (day, minutes, activity) in new[] { (20, 45, NonFamilyActivity.Travel), (21, 30, NonFamilyActivity.AgencyLiaison), (22, 15, NonFamilyActivity.Travel) })
        {
            await Sessions(s => s.LogWorkerTimeAsync(Practitioner, new WorkerTimeInput(Worker.Id, new DateOnly(2026, 10, day), minutes, activity, null)));
        }

        var split = await Sessions(s => s.TimeSplitAsync(Practitioner, Worker.Id, new DateOnly(2026, 10, 6), Today));

        // 90 + 60 minutes with the family (the September session is outside), 60 travel, 30 with agencies: 240 in all.
        Assert.Equal(150, split.FamilyMinutes);
        Assert.Equal(new Dictionary<NonFamilyActivity, int> { [NonFamilyActivity.Travel] = 60, [NonFamilyActivity.AgencyLiaison] = 30 }, split.OtherMinutes);
        Assert.Equal(240, split.TotalMinutes);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions(s => s.TimeSplitAsync(Outsider, Worker.Id, new DateOnly(2026, 10, 6), Today)));
    }
}
