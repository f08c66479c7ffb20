using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Programmes;

public sealed class ProgrammeEditorTests : JourneyTestBase
{
    private static readonly PhaseForm LongerConsultation = new(null, "Initial consultation", "0", "14", false, false, "", "");

    private Task<ProgrammeDraft> DraftAsync() => InScope(s => Get<ProgrammeEditor>(s).StartDraftAsync(Admin, "ifss"));

    private Task<ProgrammeDraft> StoredDraftAsync() =>
        InScope(s => Get<HearthDbContext>(s).Set<ProgrammeDraft>().AsNoTracking().SingleAsync(d => d.Code == "ifss"));

    [Fact]
    public async Task Publishing_a_draft_is_audited_and_an_episode_opened_before_keeps_its_version_while_a_new_one_uses_the_new()
    {
        var before = await AcceptedEpisodeAsync("E-1", new DateOnly(2026, 10, 1));
        Assert.Equal(new DateOnly(2026, 10, 8), before.CurrentPhaseDueOn);

        var draft = await DraftAsync();
        draft = await InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Admin, "ifss", draft.Version, "consultation", LongerConsultation));
        draft = await InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Admin, "ifss", draft.Version, "phase2",
            new PhaseForm(null, "Phase 2 (step-down)", "0", "366", false, false, "1, 3, 6, 9, 12", "")));
        var published = await InScope(s => Get<ProgrammeEditor>(s).PublishAsync(Admin, "ifss", draft.Version, new DateOnly(2026, 11, 1)));

        Assert.Equal(2, published.Number);
        Assert.Equal(new DateOnly(2026, 11, 1), published.EffectiveFrom);
        Assert.Equal([3, 6, 9, 12], published.Definition.Phase("phase2")!.Reviews.Skip(1).Select(r => r.MonthsFromStart!.Value));
        var audit = await InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().Where(e => e.EntityType == nameof(ProgrammeVersion) || e.EntityType == nameof(ProgrammeDraft)).OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(audit, e => e.EntityType == nameof(ProgrammeVersion) && e.Action == AuditAction.Created && e.EntityId == published.Id.ToString() && e.ActorName == "Alex Admin"
            && e.Changes!.Contains("Initial consultation"));
        Assert.Equal(2, audit.Count(e => e.EntityType == nameof(ProgrammeDraft) && e.Action == AuditAction.Updated && e.ActorName == "Alex Admin"));
        Assert.Contains(audit, e => e.EntityType == nameof(ProgrammeDraft) && e.Action == AuditAction.Deleted && e.EntityId == draft.Id.ToString());
        Assert.Null(await InScope(s => Get<ProgrammeEditor>(s).DraftAsync(Admin, "ifss")));

        // Opened on 2 November, under version 2: 14 days for the consultation, and the new name.
        var after = await AcceptedEpisodeAsync("E-2", Today);
        Assert.Equal(published.Id, after.ProgrammeVersionId);
        Assert.Equal(Today.AddDays(14), after.CurrentPhaseDueOn);
        var afterView = await InScope(s => Get<EpisodeService>(s).ViewAsync(Practitioner, after.Id));
        Assert.Equal("Initial consultation", afterView.Programme.Phase("consultation")!.Name);

        // Opened on 1 October, under version 1: it keeps 7 days and the old name, and moves on by version 1's rules.
        var version1 = await InScope(s => Get<ProgrammeService>(s).VersionAsync("ifss", 1));
        before = await EpisodeAsync(before.Id);
        Assert.Equal(version1!.Id, before.ProgrammeVersionId);
        Assert.Equal(new DateOnly(2026, 10, 8), before.CurrentPhaseDueOn);
        var beforeView = await InScope(s => Get<EpisodeService>(s).ViewAsync(Practitioner, before.Id));
        Assert.Equal("Consultation", beforeView.Programme.Phase("consultation")!.Name);
        Assert.Equal([1, 3, 6, 12], beforeView.Programme.Phase("phase2")!.Reviews.Select(r => r.MonthsFromStart!.Value));
    }

    [Fact]
    public async Task A_bad_edit_names_each_field_and_saves_nothing_and_a_stale_or_unauthorised_edit_is_refused()
    {
        var draft = await DraftAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Admin, "ifss", draft.Version, null,
            new PhaseForm("Phase 3!", "", "5", "four", false, true, "1, x", "0"))));
        Assert.Equal(
            [
                ("Key", "The phase's key must be 50 characters or fewer: lower-case letters, digits, hyphens and underscores"),
                ("Name", "Enter the phase name"),
                ("ExpectedMaxDays", "Longest expected length must be a whole number"),
                ("ReviewMonths", "Review points in months must be whole numbers between 1 and 120, separated by commas, for example 1, 3, 6"),
                ("ReviewEveryWeeks", "Recurring review interval must be between 1 and 104"),
                ("IsAssessment", "Only one phase can be the assessment, and 72-hour assessment already is"),
            ],
            e.Errors.Select(x => (x.Field, x.Message)));
        var intensiveFirst = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Admin, "ifss", draft.Version, null,
            new PhaseForm("outreach", "Outreach", "", "10", true, false, "", "", "1"))));
        Assert.Equal(("Intensive", "An intensive phase cannot come before the assessment"), (intensiveFirst.Errors.Single().Field, intensiveFirst.Errors.Single().Message));
        var noReasons = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ProgrammeEditor>(s).SaveClosureReasonsAsync(Admin, "ifss", draft.Version, [])));
        Assert.Equal("ClosureReasons", noReasons.Errors.Single().Field);
        var stored = await StoredDraftAsync();
        Assert.Equal((draft.Version, draft.DefinitionJson), (stored.Version, stored.DefinitionJson));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Admin, "ifss", draft.Version + 1, "consultation", LongerConsultation)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Manager, "ifss", draft.Version, "consultation", LongerConsultation)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ProgrammeEditor>(s).StartDraftAsync(Manager, "ifit")));
        Assert.Equal(draft.DefinitionJson, (await StoredDraftAsync()).DefinitionJson);
    }

    [Fact]
    public async Task Publishing_needs_a_change_and_a_date_no_earlier_than_the_latest_version_and_refuses_a_draft_overtaken_by_another_version()
    {
        var draft = await DraftAsync();
        var unchanged = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ProgrammeEditor>(s).PublishAsync(Admin, "ifss", draft.Version, new DateOnly(1999, 12, 31))));
        Assert.Equal(
            [
                ("Draft", "The draft makes no changes to version 1"),
                ("EffectiveFrom", "A new version must take effect on or after 1 January 2000, when version 1 did"),
            ],
            unchanged.Errors.Select(x => (x.Field, x.Message)));
        draft = await InScope(s => Get<ProgrammeEditor>(s).SavePhaseAsync(Admin, "ifss", draft.Version, "consultation", LongerConsultation));
        var undated = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ProgrammeEditor>(s).PublishAsync(Admin, "ifss", draft.Version, null)));
        Assert.Equal(("EffectiveFrom", "Enter the date the new version takes effect"), (undated.Errors.Single().Field, undated.Errors.Single().Message));

        // Someone publishes version 2 from a file while the draft is open: publishing the draft would undo their change.
        var file = ShippedProgrammes.All.Single(p => p.Code == "ifss").Definition with { MaxBoosterSessions = 4 };
        await InScope(s => Get<ProgrammeService>(s).PublishAsync(Admin, "ifss", "Integrated Family Support Service", file, new DateOnly(2027, 1, 1)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<ProgrammeEditor>(s).PublishAsync(Admin, "ifss", draft.Version, new DateOnly(2027, 2, 1))));
        Assert.Equal([1, 2], (await InScope(s => Get<ProgrammeService>(s).HistoryAsync("ifss"))).Select(v => v.Number));
    }

    [Fact]
    public void The_preview_lists_each_part_that_changes_matched_by_key()
    {
        var v1 = ShippedProgrammes.All.Single(p => p.Code == "ifss").Definition;
        var phases = v1.Phases.ToList();
        phases[2] = phases[2] with { ExpectedMaxDays = 56 };
        phases[3] = phases[3] with { Reviews = [new(MonthsFromStart: 1), new(MonthsFromStart: 3), new(MonthsFromStart: 9), new(EveryWeeks: 8)] };
        phases.Add(new PhaseDefinition { Key = "aftercare", Name = "Aftercare", ExpectedMaxDays = 90 });
        var v2 = v1 with
        {
            Phases = phases,
            Eligibility = v1.Eligibility.Where(q => q.Key != "family_consents").ToList(),
            Measures = [v1.Measures[0] with { MinAgeYears = 2 }, v1.Measures[1], new MeasureSchedule { Instrument = "family-star-plus", Respondent = Respondent.Worker, MinAgeYears = 18, EveryMonths = 3 }],
            ClosureReasons = v1.ClosureReasons.Where(r => r != ClosureReason.Other).ToList(),
            ReopenWindowDays = 60,
        };

        var changes = ProgrammeChanges.Compare("IFSS", v1, "IFSS", v2);

        Assert.Equal(
            [
                ("Programme", ProgrammeChangeKind.Changed, "IFSS", "Reopen window: 90 days → 60 days"),
                ("Phases", ProgrammeChangeKind.Changed, "Phase 1 (intensive)", "Expected length: 28 to 42 days → 28 to 56 days"),
                ("Phases", ProgrammeChangeKind.Changed, "Phase 2 (step-down)",
                    "Review points: 1 month after the phase starts, 3 months after the phase starts, 6 months after the phase starts, 12 months after the phase starts"
                    + " → 1 month after the phase starts, 3 months after the phase starts, 9 months after the phase starts, every 8 weeks"),
                ("Phases", ProgrammeChangeKind.Added, "Aftercare", "Name: Aftercare|Expected length: 0 to 90 days|Intensive: no|Assessment phase: no|Review points: none"),
                ("Review points", ProgrammeChangeKind.Added, "Phase 2 (step-down): 9 months after the phase starts", ""),
                ("Review points", ProgrammeChangeKind.Added, "Phase 2 (step-down): every 8 weeks", ""),
                ("Review points", ProgrammeChangeKind.Removed, "Phase 2 (step-down): 6 months after the phase starts", ""),
                ("Review points", ProgrammeChangeKind.Removed, "Phase 2 (step-down): 12 months after the phase starts", ""),
                ("Instruments", ProgrammeChangeKind.Changed, "Strengths and Difficulties Questionnaire, parent report (4-17) (parent)", "Ages: 4 to 17 → 2 to 17"),
                ("Instruments", ProgrammeChangeKind.Added, "Family Star Plus (star scale, 10 areas, 1-10) (worker)", "Ages: 18 and over|Due: every 3 months"),
                ("Eligibility", ProgrammeChangeKind.Removed, "family_consents", "Question: Has the family agreed to the 72-hour assessment?|Eligible when the answer is yes"),
                ("Closure reasons", ProgrammeChangeKind.Removed, "other", ""),
            ],
            changes.Select(c => (c.Part, c.Kind, c.Item, string.Join("|", c.Details))));
        Assert.Empty(ProgrammeChanges.Compare("IFSS", v1, "IFSS", ProgrammeDefinition.FromJson(v1.ToJson())));
    }

    [Fact]
    public async Task An_exported_version_reads_back_as_the_same_definition_and_a_bad_file_names_the_problem()
    {
        var v1 = await InScope(s => Get<ProgrammeService>(s).VersionAsync("ifit", 1));
        var (name, definition) = ProgrammeDocument.Read(ProgrammeDocument.Of(v1!).ToJson());
        Assert.Equal("Intensive Family Intervention Team (edge of care)", name);
        Assert.Equal(v1!.DefinitionJson, definition.ToJson());

        var bad = Assert.Throws<ValidationFailedException>(() => ProgrammeDocument.Read("""{ "name": "X", "definition": { "phases": [], "closureReasons": ["struck_by_lightning"] } }"""));
        Assert.Equal("Definition", bad.Errors.Single().Field);
        Assert.Contains("$.closureReasons", bad.Errors.Single().Message);
        Assert.Equal("File", Assert.Throws<ValidationFailedException>(() => ProgrammeDocument.Read("not json")).Errors.Single().Field);
    }
}
