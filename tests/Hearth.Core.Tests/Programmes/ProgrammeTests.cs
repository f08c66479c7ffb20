using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Programmes;

public sealed class ProgrammeTests : JourneyTestBase
{
    [Fact]
    public void The_shipped_programmes_are_valid_and_say_what_the_evaluations_describe()
    {
        Assert.Equal(["ifss", "ifit", "troubled-families", "cin-pod"], ShippedProgrammes.All.Select(p => p.Code));
        Assert.All(ShippedProgrammes.All, p => Assert.Empty(p.Definition.Problems()));

        var ifss = ShippedProgrammes.All.Single(p => p.Code == "ifss").Definition;
        Assert.Equal(["consultation", "assessment", "phase1", "phase2"], ifss.Phases.Select(p => p.Key));
        Assert.Equal("72-hour assessment", ifss.AssessmentPhase!.Name);
        var phase1 = ifss.Phase("phase1")!;
        Assert.True(phase1.Intensive);
        Assert.Equal((28, 42), (phase1.ExpectedMinDays, phase1.ExpectedMaxDays));
        Assert.Equal([1, 3, 6, 12], ifss.Phase("phase2")!.Reviews.Select(r => r.MonthsFromStart!.Value));
        Assert.Equal(3, ifss.MaxBoosterSessions);

        var ifit = ShippedProgrammes.All.Single(p => p.Code == "ifit").Definition;
        Assert.Equal(["planned", "emergency"], ifit.Modes);
        var tf = ShippedProgrammes.All.Single(p => p.Code == "troubled-families").Definition;
        Assert.True(tf.Phase("plan")!.ExpectedMaxDays <= 366);
        var cin = ShippedProgrammes.All.Single(p => p.Code == "cin-pod").Definition;
        Assert.Equal(6, cin.Phase("cin-plan")!.Reviews.Single().EveryWeeks);
    }

    [Fact]
    public void Review_points_give_due_dates_from_the_phase_start()
    {
        var start = new DateOnly(2026, 1, 31);
        Assert.Equal([new DateOnly(2026, 2, 28)], new ReviewPoint(MonthsFromStart: 1).DueDates(start, new DateOnly(2027, 1, 1)));
        Assert.Equal([new DateOnly(2026, 3, 14), new DateOnly(2026, 4, 25)], new ReviewPoint(EveryWeeks: 6).DueDates(start, new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public async Task A_change_publishes_a_new_version_and_episodes_keep_the_version_they_opened_under()
    {
        var before = await AcceptedEpisodeAsync("V-1", new DateOnly(2026, 6, 1));
        var original = await InScope(s => Get<ProgrammeService>(s).InEffectAsync("ifss", new DateOnly(2026, 6, 1)));
        var changed = ShippedProgrammes.All.Single(p => p.Code == "ifss").Definition with { MaxBoosterSessions = 5, ReopenWindowDays = 30 };

        var v2 = await InScope(s => Get<ProgrammeService>(s).PublishAsync(Admin, "ifss", "Integrated Family Support Service", changed, new DateOnly(2026, 7, 1)));

        Assert.Equal(2, v2.Number);
        var history = await InScope(s => Get<ProgrammeService>(s).HistoryAsync("ifss"));
        Assert.Equal([1, 2], history.Select(h => h.Number));
        Assert.Equal(3, history[0].Definition.MaxBoosterSessions);
        Assert.Equal(original!.Id, (await InScope(s => Get<ProgrammeService>(s).InEffectAsync("ifss", new DateOnly(2026, 6, 30))))!.Id);
        Assert.Equal(v2.Id, (await InScope(s => Get<ProgrammeService>(s).InEffectAsync("ifss", new DateOnly(2026, 7, 1))))!.Id);
        Assert.Equal(original.Id, (await EpisodeAsync(before.Id)).ProgrammeVersionId);
        var after = await AcceptedEpisodeAsync("V-2", new DateOnly(2026, 8, 1));
        Assert.Equal(v2.Id, after.ProgrammeVersionId);
    }

    [Fact]
    public async Task A_version_cannot_take_effect_before_the_latest_and_a_bad_definition_is_refused()
    {
        var bad = new ProgrammeDefinition
        {
            Phases = [new PhaseDefinition { Key = "work", Name = "Work", Intensive = true }, new PhaseDefinition { Key = "assess", Name = "Assess", IsAssessment = true }],
            MaxBoosterSessions = -1,
        };
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<ProgrammeService>(s).PublishAsync(Admin, "ifss", "IFSS", bad, new DateOnly(1999, 1, 1))));
        Assert.Contains(e.Errors, x => x.Field == "EffectiveFrom");
        Assert.Contains(e.Errors, x => x.Message == "An intensive phase cannot come before the assessment");
        Assert.Contains(e.Errors, x => x.Message == "Maximum booster sessions cannot be negative");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            InScope(s => Get<ProgrammeService>(s).PublishAsync(Manager, "ifss", "IFSS", bad, Today)));
    }

    [Fact]
    public async Task A_programme_definition_round_trips_through_the_database()
    {
        var stored = await InScope(s => Get<HearthDbContext>(s).Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Code == "ifit"));
        var shipped = ShippedProgrammes.All.Single(p => p.Code == "ifit").Definition;
        Assert.Equal(shipped.Phases, stored.Definition.Phases, (a, b) => a.Key == b.Key && a.Intensive == b.Intensive && a.ExpectedMaxDays == b.ExpectedMaxDays);
        Assert.Equal(Enum.GetValues<ClosureReason>(), stored.Definition.ClosureReasons);
        Assert.Contains("\"goals_achieved\"", stored.DefinitionJson);
    }

    [Fact]
    public async Task A_service_must_name_a_programme_that_exists()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<Hearth.Core.Organisation.OrganisationService>(s).CreateServiceAsync(Admin, new Hearth.Core.Organisation.NewService("X", "x", null, "nope"))));
        Assert.Equal("ProgrammeCode", e.Errors.Single().Field);
    }
}
