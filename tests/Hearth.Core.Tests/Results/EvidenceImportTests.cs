using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Results;

public sealed class EvidenceImportTests : ResultsTestBase
{
    [Fact]
    public async Task Evidence_is_kept_for_known_and_unknown_people_with_its_source_and_import()
    {
        await KnownFamilyAsync();
        var result = await ImportAsync(Evidence);
        Assert.True(result.Succeeded);
        // Subjects: C100, the parent, the H9 child and adult, C300. Two of them are people the service knows.
        Assert.Equal((20, 20, 0, 5, 2), (result.Rows, result.FactsCreated, result.FactsUnchanged, result.SubjectsCreated, result.LinkedToKnownPeople));
        Assert.Contains("row 16: school U1 added (fixed_term_exclusion for UPN B801200005001, not yet known to the service)", result.RowReport);
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var run = await db.Set<EvidenceImportRun>().SingleAsync();
            Assert.Equal(("evidence.csv", 20, "Pat Performance"), (run.FileName, run.FactsCreated, run.ImportedBy));
            var u1 = await db.Set<EvidenceFact>().Include(f => f.Subject).SingleAsync(f => f.SourceRef == "U1");
            Assert.Equal(("school", run.Id, "H9", (Guid?)null), (u1.Source, u1.ImportId, u1.Subject!.HouseholdRef, u1.Subject.PersonId));
            var adult = await db.Set<EvidenceSubject>().SingleAsync(x => x.NhsNumber == "4010232137");
            Assert.Equal(new DateOnly(1990, 6, 1), adult.DateOfBirth);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.EntityType == nameof(EvidenceFact) && e.ActorName == "Pat Performance"));
        });
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        await ImportAsync(Evidence);
        var again = await ImportAsync(Evidence);
        Assert.Equal((0, 20, 0), (again.FactsCreated, again.FactsUnchanged, again.SubjectsCreated));
        Assert.Contains("row 2: school A1 already present, left unchanged", again.RowReport);
        Assert.Equal(20, await InScope(s => Get<HearthDbContext>(s).Set<EvidenceFact>().CountAsync()));
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        var result = await ImportAsync(Evidence, dryRun: true);
        Assert.Equal((20, false), (result.FactsCreated, result.Written));
        Assert.Equal(0, await InScope(s => Get<HearthDbContext>(s).Set<EvidenceFact>().CountAsync()));
    }

    [Fact]
    public async Task Any_bad_row_refuses_the_whole_file_with_each_problem_by_row_and_column()
    {
        const string csv = Header + """

            school,A1,school_attendance,2025-01-06,2025-03-28,C100,,,,,100,10,95,,
            ,A2,truancy,2025-13-01,,,,,,,,,,,
            police,P1,asb_incident,2027-01-01,,C100,,,,,,,,,
            police,P1,asb_incident,2026-01-01,2026-01-02,C100,X123,123,,,,,,,
            dwp,E1,employment,2026-01-01,,,,9434765919,,,,,,,
            council,N1,need_identified,2026-01-01,,C100,,,,,,,,,wellbeing
            school,A3,school_attendance,2025-04-21,,C100,,,,,,,,,
            """;
        var (rows, readErrors) = EvidenceImport.Read(new StringReader(csv));
        Assert.Empty(readErrors);
        var result = await InScope(s => Get<EvidenceImport>(s).ImportAsync(Performance, "bad.csv", rows));
        Assert.False(result.Succeeded);
        Assert.Equal(
        [
            "row 2, unauthorised_absences: Authorised and unauthorised absences (105) are more than the sessions possible (100)",
            "row 3, source: Enter the source of the evidence (e.g. school, police, DWP)",
            $"row 3, kind: \"truancy\" is not a kind of evidence; use one of: {string.Join(", ", EvidenceService.KindNames.Keys)}",
            "row 3, from: \"2025-13-01\" is not a date in the form YYYY-MM-DD",
            "row 3, council_child_id: Give at least one identifier: council_child_id, upn or nhs_number",
            "row 4, from: The date 2027-01-01 is in the future",
            "row 5, evidence_ref: police reference P1 appears more than once (first on row 4)",
            "row 5, to: asb_incident is a single event on one date: leave the end date empty",
            "row 5, upn: \"X123\" is not a valid UPN (a letter and 12 characters with the right check letter)",
            "row 5, nhs_number: \"123\" is not a valid NHS number (10 digits with the right check digit)",
            "row 6, hours_per_week: Employment needs the hours worked a week",
            $"row 7, code: \"wellbeing\" does not start with a headline outcome; use one of: {string.Join(", ", EvidenceService.OutcomeKeys.Order())}",
            "row 8, to: School attendance is for a term: give the term's last day",
            "row 8, sessions_possible: School attendance needs the sessions possible in the term",
            "row 8, unauthorised_absences: School attendance needs the unauthorised absences (0 if none)",
        ], result.Errors.Select(e => e.ToString()));
        Assert.Equal(0, await InScope(s => Get<HearthDbContext>(s).Set<EvidenceFact>().CountAsync()));
    }

    [Fact]
    public void Missing_unknown_and_repeated_columns_are_reported_on_row_1()
    {
        var (rows, errors) = EvidenceImport.Read(new StringReader("source,evidence_ref,kind,from,to,upn,nhs_number,household_ref,date_of_birth,sessions_possible,authorised_absences,unauthorised_absences,hours_per_week,code,colour,kind\n"));
        Assert.Empty(rows);
        Assert.Equal(["row 1, council_child_id: The column is missing", "row 1, colour: The column is not one Hearth knows (see docs/results.md)", "row 1, kind: The column appears more than once"],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Entering_a_fact_by_hand_is_validated_the_same_way_and_needs_ManageClaims()
    {
        var input = new EvidenceInput("police", "M1", "asb_incident", "2026-05-01", CouncilChildId: "C100");
        var fact = await InScope(s => Get<EvidenceService>(s).EnterAsync(Performance, input));
        Assert.Equal(("Pat Performance", EvidenceKind.AsbIncident), (fact.EnteredBy, fact.Kind));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<EvidenceService>(s).EnterAsync(Performance, input)));
        Assert.Equal("evidence_ref: police has already given a fact with the reference M1", again.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<EvidenceService>(s).EnterAsync(ServiceManager, input with { SourceRef = "M2" })));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<EvidenceService>(s).EnterAsync(PartnerActor, input with { SourceRef = "M3" })));
    }

    [Fact]
    public async Task Partners_volunteers_and_practitioners_never_see_evidence()
    {
        var family = await KnownFamilyAsync();
        await ImportAsync(Evidence);
        foreach (var actor in new[] { PartnerActor, VolunteerActor, Practitioner })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<EvidenceService>(s).ForFamilyAsync(actor, family.Id)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ResultsService>(s).IdentifyAsync(actor, ShippedFrameworks.TroubledFamilies1, Today)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ResultsService>(s).ForFamilyAsync(actor, family.Id, Today)));
            await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ClaimService>(s).BatchesAsync(actor)));
        }
        Assert.False(RolePermissions.Has(Role.Partner, Permission.ViewResults) || RolePermissions.Has(Role.Volunteer, Permission.ViewResults));
        var seen = await InScope(s => Get<EvidenceService>(s).ForFamilyAsync(Performance, family.Id));
        Assert.Equal(14, seen.Count); // C100's five terms and two incidents; the parent's intervention, five incidents and benefit spell
        Assert.Equal(1, await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync(e => e.EntityType == "FamilyEvidence" && e.ActorName == "Pat Performance")));
    }

    [Fact]
    public async Task A_service_manager_sees_results_as_counts_never_named_evidence_or_identification()
    {
        var family = await KnownFamilyAsync();
        await ImportAsync(Evidence);
        Assert.True(RolePermissions.Has(Role.ServiceManager, Permission.ViewResults));

        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<EvidenceService>(s).ForFamilyAsync(ServiceManager, family.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ResultsService>(s).IdentifyAsync(ServiceManager, ShippedFrameworks.TroubledFamilies1, Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ResultsService>(s).EvaluateAsync(ServiceManager, ShippedFrameworks.TroubledFamilies1, Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ResultsService>(s).ForFamilyAsync(ServiceManager, family.Id, Today)));
        Assert.False(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(e => e.EntityType == "FamilyEvidence" || e.EntityType == "FamilyResults")));
        // The claims (references and amounts) stay theirs to read.
        Assert.Empty(await InScope(s => Get<ClaimService>(s).BatchesAsync(ServiceManager)));
    }
}
