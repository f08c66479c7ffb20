using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Imports;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Referrals;

public sealed class JourneyImportTests : JourneyTestBase
{
    private const string Header = "service,team,family_ref,child_refs,child_birth_dates,referral_ref,received_on,referral_source,decision,decision_on,assessment_started_on,phase1_started_on,phase1_completed_on,phase2_completed_on,closed_on,closure_reason,unmet_need";

    /// <summary>Nine referrals whose Table 4-1 counts are known (see the funnel test).</summary>
    internal const string Fixture = Header + """

        IFSS Site 1,Team A,F1,C1,2016-03-01,R1,2025-01-10,5A,accepted,2025-01-12,2025-01-13,2025-01-16,2025-02-20,2025-08-20,2025-08-20,goals_achieved,no
        IFSS Site 1,Team A,F2,C2,2018-07-09,R2,2025-02-01,2A,inappropriate,2025-02-03,,,,,,,
        IFSS Site 1,Team A,F3,C3,,R3,2025-03-01,3A,accepted,2025-03-02,2025-03-03,,,,2025-03-06,stepped_down_early_help,yes
        IFSS Site 1,Team A,F4,C4;C5,2012-01-01;2014-05-05,R4,2025-04-01,6,accepted,2025-04-02,2025-04-03,2025-04-06,,,2025-04-20,disengaged,no
        IFSS Site 1,Team A,F1,C1,2016-03-01,R5,2025-10-01,5D,accepted,2025-10-02,2025-10-03,2025-10-06,2025-11-10,,,,
        IFSS Site 1,Team A,F5,C6,,R6,2025-05-01,1A,advice,2025-05-01,,,,,,,
        IFSS Site 1,Team A,F6,C7,,R7,2025-06-01,8,waiting_list,2025-06-02,,,,,,,
        IFSS Site 1,Team A,F2,C2,2018-07-09,R8,2026-01-15,2A,referred_on,2026-01-16,,,,,,,
        ifss site 1,team a,F7,C8,,R9,2025-07-01,10,accepted,2025-07-02,,,,,,,
        """;

    private Task<JourneyImportResult> Import(string csv, JourneyImportOptions? options = null, ActorContext? actor = null)
    {
        var (rows, errors) = JourneyImport.Read(new StringReader(csv));
        Assert.Empty(errors);
        return InScope(s => Get<JourneyImport>(s).ImportAsync(actor ?? ActorContext.System("test import"), rows, options ?? new JourneyImportOptions()));
    }

    private Task<(int Referrals, int Families, int People, int Episodes, int Audit)> CountsAsync() => InScope(async s =>
    {
        var db = Get<HearthDbContext>(s);
        return (await db.Set<Referral>().CountAsync(), await db.Set<Family>().CountAsync(), await db.Set<Person>().CountAsync(),
            await db.Set<Episode>().CountAsync(), await db.AuditEvents.CountAsync());
    });

    [Theory]
    [InlineData(TriageOutcome.Accepted)]
    [InlineData(TriageOutcome.Inappropriate)]
    [InlineData(TriageOutcome.Advice)]
    [InlineData(TriageOutcome.ReferredOn)]
    [InlineData(TriageOutcome.WaitingList)]
    public async Task An_imported_decision_leaves_the_referral_as_the_same_decision_at_triage_does(TriageOutcome outcome)
    {
        var code = TriageRules.Codes.Single(c => c.Value == outcome).Key;
        var imported = await Import(Header + $"\nIFSS Site 1,Team A,IMP-{code},IMPC-{code},,IMPR-{code},2026-10-01,5A,{code},2026-10-02,,,,,,,\n");
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        var (family, child) = await FamilyWithChildAsync($"TRI-{code}");
        var recorded = await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 10, 1)));
        await TriageAsync(recorded.Id, new TriageDecision(outcome, new DateOnly(2026, 10, 2), Reason: "Reason given", ReferredOnTo: "Early help", Priority: WaitingPriority.Medium));

        var (byImport, byTriage) = await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            async Task<(ReferralStatus, DateOnly?, bool, bool, bool)> StateAsync(Guid id)
            {
                var r = await db.Set<Referral>().AsNoTracking().SingleAsync(x => x.Id == id);
                return (r.Status, r.DecidedOn, r.DecidedBy is not null, r.EpisodeId is not null, await db.Set<WaitingListEntry>().AnyAsync(w => w.ReferralId == id && w.RemovedOn == null));
            }
            var importedId = await db.Set<Referral>().Where(r => r.Reference == $"IMPR-{code}").Select(r => r.Id).SingleAsync();
            return (await StateAsync(importedId), await StateAsync(recorded.Id));
        });

        Assert.Equal(byTriage, byImport);
        Assert.Equal(TriageRules.StatusAfter(outcome), byImport.Item1);
    }

    [Fact]
    public async Task Every_count_of_the_Welsh_Table_4_1_funnel_is_derivable_from_an_imported_history()
    {
        var result = await Import(Fixture);
        Assert.True(result.Succeeded);

        // Counted by hand from the fixture. Whole span: R1, R3, R4, R5 reached assessment, of which R5 is a re-referral
        // (C1 within 12 months of R1); phase 1 started for R1, R4, R5; completed by R1 and R5; phase 2 completed by R1.
        Assert.Equal([9L, 1L, 4L, 1L, 3L, 2L, 1L], await FunnelCountsAsync(new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)));
        // First half of 2025: R1, R2, R3, R4, R6, R7 received; R1's phase 2 ended in August, outside it.
        Assert.Equal([6L, 1L, 3L, 0L, 2L, 1L, 0L], await FunnelCountsAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30)));
    }

    private Task<long?[]> FunnelCountsAsync(DateOnly from, DateOnly to) => InScope(async s =>
    {
        var result = await Get<Hearth.Core.Reporting.ReportService>(s).RunAsync(ActorContext.System("report"), "funnel",
            new Hearth.Core.Reporting.ReportFilter(new Hearth.Core.Reporting.ReportPeriod(from, to), ServiceCode: Ifss.Code));
        var row = Assert.Single(result.Tables[0].Rows);
        return new[] { 1, 2, 4, 6, 8, 10, 12 }.Select(i => (long?)row[i]).ToArray();
    });

    [Fact]
    public async Task An_imported_journey_has_its_phases_decision_closure_and_waiting_list()
    {
        var result = await Import(Fixture);
        Assert.Equal((9, 9, 0, 7, 8, 5), (result.Rows, result.ReferralsCreated, result.ReferralsUnchanged, result.FamiliesCreated, result.PeopleCreated, result.EpisodesCreated));

        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var r1 = await db.Set<Referral>().SingleAsync(r => r.Reference == "R1");
            var e1 = await db.Set<Episode>().Include(e => e.Phases).SingleAsync(e => e.Id == r1.EpisodeId);
            Assert.Equal(["consultation", "assessment", "phase1", "phase2"], e1.Phases.OrderBy(p => p.StartedOn).Select(p => p.PhaseKey));
            Assert.Equal(AssessmentDecision.Proceed, e1.AssessmentDecision);
            Assert.Equal(new DateOnly(2025, 1, 16), e1.AssessmentDecidedOn);
            Assert.Equal((ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, "RC7"), (e1.ClosureReason!.Value, e1.ClosureDestination!.Value, e1.DfeReasonForClosure!));
            var r3 = await db.Set<Referral>().SingleAsync(r => r.Reference == "R3");
            var e3 = await db.Set<Episode>().SingleAsync(e => e.Id == r3.EpisodeId);
            Assert.Equal(("RC9", true), (e3.DfeReasonForClosure, e3.UnmetNeed));
            var r5 = await db.Set<Referral>().SingleAsync(r => r.Reference == "R5");
            Assert.True(r5.IsReReferral);
            var e5 = await db.Set<Episode>().SingleAsync(e => e.Id == r5.EpisodeId);
            Assert.Equal(("phase2", false), (e5.CurrentPhase, e5.IsIntensive));
            var waiting = await db.Set<WaitingListEntry>().Include(w => w.Referral).SingleAsync();
            Assert.Equal(("R7", new DateOnly(2025, 6, 2)), (waiting.Referral!.Reference, waiting.Since));
            var c4 = await db.Set<Person>().SingleAsync(p => p.CouncilChildId == "C4");
            Assert.Equal(new DateOnly(2012, 1, 1), c4.DateOfBirth);
            Assert.Equal(2, await db.Set<ReferralChild>().CountAsync(c => c.PersonId == db.Set<Person>().Single(p => p.CouncilChildId == "C1").Id));
            Assert.True(await db.AuditEvents.AnyAsync(a => a.EntityType == "Referral" && a.ActorName == "system: test import"));
        });
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        await Import(Fixture);
        var before = await CountsAsync();

        var again = await Import(Fixture);

        Assert.True(again.Succeeded);
        Assert.Equal((0, 9, 0, 0), (again.ReferralsCreated, again.ReferralsUnchanged, again.FamiliesCreated, again.PeopleCreated));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task One_bad_row_refuses_the_whole_file_reporting_every_error_by_row_and_column()
    {
        var before = await CountsAsync();
        var csv = Fixture + "\n" + """
            IFSS Site 1,Team A,F9,C9;C10,2019-01-01,R10,2025-13-01,ZZ,maybe,,,,,,,,perhaps
            IFSS Site 1,Team A,F9,C9,,R11,2025-02-01,5A,accepted,2025-01-30,2025-02-03,2025-02-02,,,2025-03-01,,no
            Nowhere,Team A,F9,C9,,R12,2025-02-01,5A,advice,2025-02-01,2025-02-03,,,,,,no
            IFSS Site 1,Team A,F9,C9,,R1,2025-02-01,5A,,,,,,,,,
            """;

        var result = await Import(csv);

        Assert.False(result.Written);
        Assert.Equal(
        [
            (11, "child_birth_dates"), (11, "received_on"), (11, "referral_source"), (11, "decision"), (11, "unmet_need"),
            (12, "decision_on"), (12, "phase1_started_on"), (12, "closure_reason"),
            (13, "service"), (13, "team"), (13, "assessment_started_on"),
            (14, "referral_ref"),
        ], result.Errors.Select(e => (e.Row, e.Column)));
        Assert.Contains(result.Errors, e => e.Row == 12 && e.Column == "decision_on" && e.Message.Contains("before received_on"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        var before = await CountsAsync();
        var result = await Import(Fixture, new JourneyImportOptions(DryRun: true));
        Assert.True(result.Succeeded);
        Assert.False(result.Written);
        Assert.Equal(9, result.ReferralsCreated);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Missing_services_and_teams_are_created_only_when_asked_with_a_shipped_programme()
    {
        const string csv = Header + "\nEdge of Care,Outreach East,X1,K1,,E1,2026-01-05,6,accepted,2026-01-05,2026-01-06,2026-01-12,2026-03-01,2026-05-01,2026-05-01,goals_achieved,no\n";
        var refused = await Import(csv);
        Assert.Equal([(2, "service", ImportRemedy.CreateMissing), (2, "team", ImportRemedy.CreateMissing)], refused.Errors.Select(e => (e.Row, e.Column, e.Remedy)));
        var noProgramme = await Import(csv, new JourneyImportOptions(CreateMissing: true, ProgrammeCode: "nope"));
        Assert.Equal(nameof(JourneyImportOptions.ProgrammeCode), noProgramme.Errors.Single().Column);
        // Core names no command-line flags; the CLI adds its own hint.
        Assert.All(refused.Errors.Concat(noProgramme.Errors), e => Assert.DoesNotContain("--", e.Message));

        var created = await Import(csv, new JourneyImportOptions(CreateMissing: true, ProgrammeCode: "ifit"));

        Assert.True(created.Succeeded);
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var service = await db.Set<Service>().SingleAsync(x => x.Name == "Edge of Care");
            Assert.Equal(("edge-of-care", "ifit"), (service.Code, service.ProgrammeCode));
            Assert.True(await db.Set<Team>().AnyAsync(t => t.Name == "Outreach East" && t.ServiceId == service.Id));
            var episode = await db.Set<Episode>().Include(e => e.Phases).SingleAsync();
            Assert.Equal(["assessment", "intensive", "step-down"], episode.Phases.OrderBy(p => p.StartedOn).Select(p => p.PhaseKey));
            Assert.All(episode.Phases, p => Assert.True(p.Completed));
        });
    }

    [Fact]
    public async Task A_team_name_used_by_several_services_is_matched_within_the_rows_service()
    {
        var siteTwoTeam = await InScope(async s =>
        {
            var org = Get<OrganisationService>(s);
            await org.CreateServiceAsync(Admin, new NewService("IFSS Site 2", "ifss-2", null, "ifss"));
            return await org.CreateTeamAsync(Admin, new NewTeam("ifss-2", "Team A", "team-a-site-2", null));
        });

        var result = await Import(Header + "\nIFSS Site 2,Team A,S2-F1,S2-C1,,S2-R1,2026-01-05,6,advice,2026-01-06,,,,,,,\n");

        Assert.True(result.Succeeded);
        var referral = await InScope(s => Get<HearthDbContext>(s).Set<Referral>().SingleAsync(r => r.Reference == "S2-R1"));
        Assert.Equal(siteTwoTeam.Id, referral.TeamId);
    }

    [Fact]
    public async Task Only_people_with_the_import_permission_may_import()
    {
        var (rows, _) = JourneyImport.Read(new StringReader(Fixture));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<JourneyImport>(s).ImportAsync(Manager, rows, new JourneyImportOptions())));
    }

    [Fact]
    public void Header_problems_are_reported_on_row_1()
    {
        var (rows, errors) = JourneyImport.Read(new StringReader("service,team,family_ref,colour\nA,B,C,D\n"));
        Assert.Empty(rows);
        Assert.Contains(new ImportError(1, "child_refs", "The column is missing"), errors);
        Assert.Contains(errors, e => e is { Row: 1, Column: "colour" });
        Assert.Equal("row 1, colour: The column is not one Hearth knows (see docs/import.md)", errors.Single(e => e.Column == "colour").ToString());
    }

    [Fact]
    public void Rows_are_numbered_by_their_line_in_the_file_and_quoted_fields_may_hold_commas()
    {
        var csv = Header + "\n\"IFSS Site 1\",\"Team A\",\"F,1\",C1,,R1,2025-01-10,5A,,,,,,,,,\n\nIFSS Site 1,Team A,F2,C2,,R2,2025-01-10,5A,,,,,,,,,\n";
        var (rows, errors) = JourneyImport.Read(new StringReader(csv));
        Assert.Empty(errors);
        Assert.Equal([2, 4], rows.Select(r => r.Row));
        Assert.Equal("F,1", rows[0].FamilyRef);
    }
}
