using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Returns.Census;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Core.Tests.Referrals;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Census;

/// <summary>
/// The census built from imported journeys (the JourneyImport fixture: nine referrals of eight children in Team A), on the
/// database under test. Expected children and codes are worked out by hand from the fixture in each test.
/// </summary>
public sealed class CensusExportTests : JourneyTestBase
{
    private async Task ImportFixtureAsync()
    {
        var (rows, errors) = JourneyImport.Read(new StringReader(JourneyImportTests.Fixture));
        Assert.Empty(errors);
        var result = await InScope(s => Get<JourneyImport>(s).ImportAsync(ActorContext.System("test import"), rows, new JourneyImportOptions()));
        Assert.True(result.Succeeded);
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            // R4 (C4 and C5): domestic abuse maps to DfE factor 3B; housing has no DfE factor in the standard list.
            var r4 = await db.Set<Referral>().SingleAsync(r => r.Reference == "R4");
            r4.PresentingNeeds = ["housing", "domestic_abuse"];
            var c1 = await db.Set<Person>().SingleAsync(p => p.CouncilChildId == "C1");
            c1.EthnicityCode = "WBRI";
            c1.DisabilityCodes = ["NONE"];
            c1.Upn = "J201000000000";
            c1.Sex = Sex.Female;
            await db.SaveChangesAsync(ActorContext.System("test"));
        });
    }

    private Task<CensusExportResult> ExportAsync(DateOnly reference, ActorContext? actor = null) =>
        InScope(s => Get<CensusExport>(s).ExportAsync(actor ?? Admin, reference, "808"));

    private static CensusFile ReadBack(CensusExportResult result) => CensusReader.Read(new MemoryStream(result.Xml), result.Year.Name);

    [Fact]
    public async Task The_2025_26_export_holds_the_children_in_the_census_period_with_their_codes_and_passes_the_schema()
    {
        await ImportFixtureAsync();
        var result = await ExportAsync(new DateOnly(2026, 3, 31));

        Assert.Equal(CensusYear.Y2025_26, result.Year);
        Assert.Equal("CIN_Census_2026_808.xml", result.FileName);
        Assert.DoesNotContain(result.Validation.Issues, i => i.Code == CensusIssue.SchemaCode);
        var file = ReadBack(result);
        Assert.Equal("808", file.Header.LEA);
        Assert.Equal(new DateOnly(2026, 3, 31), file.Header.ReferenceDate);
        // C3's only episode closed on 2025-03-06, before the period; C2's R2 (NFA, 2025-02-01) is outside it too.
        Assert.Equal(["C1", "C2", "C4", "C5", "C6", "C7", "C8"], file.Children.Select(c => c.LAchildID!).ToArray());
        var byId = file.Children.ToDictionary(c => c.LAchildID!);

        var c1 = byId["C1"];
        Assert.Equal("J201000000000", c1.UPN);
        Assert.Equal("F", c1.Sex);
        Assert.Equal(new DateOnly(2016, 3, 1), c1.PersonBirthDate);
        Assert.Equal("WBRI", c1.Ethnicity);
        Assert.Equal(["NONE"], c1.Disabilities);
        // R1 closed 2025-08-20 after both phases (RC7); R5 (2025-10-01) is still open.
        Assert.Equal([new DateOnly(2025, 1, 10), new DateOnly(2025, 10, 1)], c1.CINdetails.Select(d => d.CINreferralDate!.Value).ToArray());
        Assert.Equal(["5A", "5D"], c1.CINdetails.Select(d => d.ReferralSource!).ToArray());
        Assert.Equal(new DateOnly(2025, 8, 20), c1.CINdetails[0].CINclosureDate);
        Assert.Equal("RC7", c1.CINdetails[0].ReasonForClosure);
        Assert.Null(c1.CINdetails[1].CINclosureDate);
        Assert.All(c1.CINdetails, d => Assert.False(d.ReferralNFA));
        // R1's assessment was authorised (2025-01-16) before the period began, so only R5's is returned.
        Assert.Empty(c1.CINdetails[0].Assessments);
        var r5Assessment = Assert.Single(c1.CINdetails[1].Assessments);
        Assert.Equal(new DateOnly(2025, 10, 3), r5Assessment.AssessmentActualStartDate);
        Assert.Equal(new DateOnly(2025, 10, 6), r5Assessment.AssessmentAuthorisationDate);

        // R8: referred on, so a referral with no further action closed on its referral date.
        var c2 = Assert.Single(byId["C2"].CINdetails);
        Assert.Equal((new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 15), "RC8", true, "2A"),
            (c2.CINreferralDate, c2.CINclosureDate, c2.ReasonForClosure, c2.ReferralNFA, c2.ReferralSource));
        Assert.Empty(c2.Assessments);

        // R4: both children, closed 2025-04-20 (disengaged: RC7), assessment 2025-04-03 to 2025-04-06 with factor 3B only.
        foreach (var id in new[] { "C4", "C5" })
        {
            var d = Assert.Single(byId[id].CINdetails);
            Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 20), "RC7", "6"), (d.CINreferralDate, d.CINclosureDate, d.ReasonForClosure, d.ReferralSource));
            var a = Assert.Single(d.Assessments);
            Assert.Equal((new DateOnly(2025, 4, 3), new DateOnly(2025, 4, 6)), (a.AssessmentActualStartDate, a.AssessmentAuthorisationDate));
            Assert.Equal(["3B"], a.AssessmentFactors);
        }
        Assert.Equal((true, "RC8"), (byId["C6"].CINdetails[0].ReferralNFA!.Value, byId["C6"].CINdetails[0].ReasonForClosure));
        // Waiting and accepted-without-assessment referrals are open episodes that are not NFA.
        Assert.Equal((false, (DateOnly?)null), (byId["C7"].CINdetails[0].ReferralNFA!.Value, byId["C7"].CINdetails[0].CINclosureDate));
        Assert.Equal(("10", false), (byId["C8"].CINdetails[0].ReferralSource, byId["C8"].CINdetails[0].ReferralNFA!.Value));
        Assert.Empty(byId["C8"].CINdetails[0].Assessments);
        // No statutory records in this fixture, so none is exported.
        Assert.All(file.Children.SelectMany(c => c.CINdetails), d =>
        {
            Assert.Null(d.PrimaryNeedCode);
            Assert.Empty(d.Section47);
            Assert.Empty(d.ChildProtectionPlans);
            Assert.Empty(d.CINPlanDates);
        });

        // The validator's report is on the written XML: no primary need recorded gives 8610 on every open or worked episode,
        // and C2 has no ethnicity recorded (4220) while C1 has.
        Assert.True(result.Validation.HasErrors);
        Assert.Contains(result.Validation.Issues, i => i.LAchildID == "C8" && i.Code == "8610");
        Assert.Contains(result.Validation.Issues, i => i.LAchildID == "C2" && i.Code == "4220");
        Assert.DoesNotContain(result.Validation.Issues, i => i.LAchildID == "C1" && i.Code is "4220" or "8540");
    }

    [Fact]
    public async Task Statutory_records_are_exported_as_they_stood_on_the_reference_date()
    {
        await ImportFixtureAsync();
        var (r5, r7, c1, c7) = await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            Guid Referral(string r) => db.Set<Referral>().Single(x => x.Reference == r).Id;
            Guid Child(string c) => db.Set<Person>().Single(x => x.CouncilChildId == c).Id;
            return await Task.FromResult((Referral("R5"), Referral("R7"), Child("C1"), Child("C7")));
        });
        await InScope(async s =>
        {
            var statutory = Get<StatutoryService>(s);
            await statutory.SetNeedAsync(Practitioner, r5, c1, null, new NeedInput("N1", ["4B", "3B"]));
            await statutory.AddSection47Async(Practitioner, r5, c1, new Section47Input(new DateOnly(2025, 10, 2), new DateOnly(2025, 10, 23), new DateOnly(2025, 10, 16), false));
            // Ends after the reference date, and one of its reviews is after it too.
            await statutory.AddProtectionPlanAsync(Practitioner, r5, c1, new ProtectionPlanInput(new DateOnly(2025, 10, 16), new DateOnly(2026, 5, 20), "NEG", "EMO", 1,
                [new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 16)]));
            // Starts after the reference date: next year's.
            await statutory.AddCinPlanAsync(Practitioner, r5, c1, new CinPlanInput(new DateOnly(2026, 5, 20), null));
            // C7's referral is still waiting: its primary need is returned all the same.
            await statutory.SetNeedAsync(Practitioner, r7, c7, null, new NeedInput("N5", []));
        });

        var result = await ExportAsync(new DateOnly(2026, 3, 31));
        var byId = ReadBack(result).Children.ToDictionary(c => c.LAchildID!);
        var c1Details = byId["C1"].CINdetails;
        Assert.Null(c1Details[0].PrimaryNeedCode);
        var r5Details = c1Details[1];
        Assert.Equal("N1", r5Details.PrimaryNeedCode);
        // Recorded factors replace the (absent) presenting-need mapping on the authorised assessment.
        Assert.Equal(["3B", "4B"], Assert.Single(r5Details.Assessments).AssessmentFactors);
        var s47 = Assert.Single(r5Details.Section47);
        Assert.Equal((new DateOnly(2025, 10, 2), new DateOnly(2025, 10, 23), new DateOnly(2025, 10, 16), false),
            (s47.S47ActualStartDate, s47.InitialCPCtarget, s47.DateOfInitialCPC, s47.ICPCnotRequired));
        Assert.Null(r5Details.DateOfInitialCPC);
        var cpp = Assert.Single(r5Details.ChildProtectionPlans);
        Assert.Equal((new DateOnly(2025, 10, 16), (DateOnly?)null, "NEG", "EMO", 1), (cpp.CPPstartDate, cpp.CPPendDate, cpp.InitialCategoryOfAbuse, cpp.LatestCategoryOfAbuse, cpp.NumberOfPreviousCPP));
        Assert.Equal([new DateOnly(2026, 1, 15)], cpp.CPPreviewDates);
        Assert.Empty(r5Details.CINPlanDates);
        Assert.Equal("N5", byId["C7"].CINdetails[0].PrimaryNeedCode);
        Assert.DoesNotContain(result.Validation.Issues, i => i.Code == CensusIssue.SchemaCode);
        Assert.DoesNotContain(result.Validation.Issues, i => i.LAchildID is "C1" or "C7" && i.Severity == CensusSeverity.Error && i.Path!.Contains("CINdetails[2]") || i.LAchildID == "C7" && i.Code == "8610");

        // A year later the protection plan has ended and the CIN plan has begun (today is 2026-11-02).
        var provisional = await InScope(s => Get<CensusExport>(s).BuildAsync(Admin, CensusYear.CurrentOrProvisional(Today), "808", c1));
        // R1 closed before that period: R5 is the only episode.
        var later = Assert.Single(provisional.File.Children.Single().CINdetails);
        Assert.Equal(new DateOnly(2026, 5, 20), Assert.Single(later.ChildProtectionPlans).CPPendDate);
        Assert.Equal([new DateOnly(2026, 4, 16)], later.ChildProtectionPlans[0].CPPreviewDates);
        Assert.Equal((new DateOnly(2026, 5, 20), (DateOnly?)null), (Assert.Single(later.CINPlanDates).CINPlanStartDate, later.CINPlanDates[0].CINPlanEndDate));
        // The enquiry concluded in the previous year, so it is not returned again.
        Assert.Empty(later.Section47);
    }

    [Fact]
    public async Task The_2024_25_export_uses_its_own_period_and_closure_codes()
    {
        await ImportFixtureAsync();
        var result = await ExportAsync(new DateOnly(2025, 3, 31));
        Assert.Equal(CensusYear.Y2024_25, result.Year);
        Assert.DoesNotContain(result.Validation.Issues, i => i.Code == CensusIssue.SchemaCode);
        var file = ReadBack(result);
        // Received up to 2025-03-31: R1 (C1), R2 (C2, NFA on 2025-02-01) and R3 (C3).
        Assert.Equal(["C1", "C2", "C3"], file.Children.Select(c => c.LAchildID!).ToArray());
        var c3 = Assert.Single(file.Children.Single(c => c.LAchildID == "C3").CINdetails);
        // Closed straight after the assessment and stepped down to early help: RC9.
        Assert.Equal((new DateOnly(2025, 3, 6), "RC9"), (c3.CINclosureDate, c3.ReasonForClosure));
        // R1 was open on the reference date: its closure (2025-08-20) is after it and is not returned.
        var c1 = Assert.Single(file.Children.Single(c => c.LAchildID == "C1").CINdetails);
        Assert.Null(c1.CINclosureDate);
        Assert.Null(c1.ReasonForClosure);
    }

    [Fact]
    public async Task Export_refuses_an_unknown_year_or_a_bad_LA_code_and_needs_ManageReturns()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<CensusExport>(s).ExportAsync(Admin, new DateOnly(2031, 3, 31), "80")));
        Assert.Equal(["ReferenceDate", "LaCode"], e.Errors.Select(x => x.Field).ToArray());
        await Assert.ThrowsAsync<AccessDeniedException>(() => ExportAsync(new DateOnly(2026, 3, 31), Manager));
    }

    [Fact]
    public async Task Readiness_finds_a_planted_problem_on_the_child_and_only_within_scope()
    {
        await ImportFixtureAsync();
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var c7 = await db.Set<Person>().SingleAsync(p => p.CouncilChildId == "C7");
            c7.EthnicityCode = "XXXX";
            await db.SaveChangesAsync(ActorContext.System("test"));
        });
        var c7Id = await InScope(s => Get<HearthDbContext>(s).Set<Person>().Where(p => p.CouncilChildId == "C7").Select(p => p.Id).SingleAsync());

        // Today is 2026-11-02: 2026-27 has no published rules, so 2025-26's are carried forward over its period.
        var readiness = await InScope(s => Get<CensusExport>(s).ReadinessAsync(Admin));
        Assert.True(readiness.Year.IsProvisional);
        Assert.Equal(new DateOnly(2027, 3, 31), readiness.Year.ReferenceDate);
        var c7 = Assert.Single(readiness.Children, c => c.Child.Child.LAchildID == "C7");
        Assert.Equal("Team A", c7.Child.TeamName);
        Assert.Equal("F6", c7.Child.FamilyReference);
        var planted = Assert.Single(c7.Issues, i => i.Code == "4220");
        Assert.Contains(planted.Fields, f => f.Field == "Ethnicity" && f.Value == "XXXX");

        var mine = await InScope(s => Get<CensusExport>(s).ForChildAsync(Practitioner, c7Id));
        Assert.NotNull(mine);
        Assert.Contains(mine.Issues, i => i.Code == "4220");
        var read = await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync(a => a.Action == AuditAction.Read && a.EntityId == c7Id.ToString() && a.ActorName == Practitioner.Name));
        Assert.Equal(1, read);

        // A practitioner in another team neither sees the child nor its issues.
        Assert.Null(await InScope(s => Get<CensusExport>(s).ForChildAsync(Outsider, c7Id)));
        Assert.Empty((await InScope(s => Get<CensusExport>(s).ReadinessAsync(Outsider))).Children);
    }

    [Fact]
    public async Task An_export_and_a_readiness_check_each_write_one_access_event_naming_the_year_and_the_children_by_id_only()
    {
        await ImportFixtureAsync();
        var result = await ExportAsync(new DateOnly(2026, 3, 31));
        var childIds = await InScope(s => Get<HearthDbContext>(s).Set<Person>().Where(p => p.CouncilChildId != null).Select(p => new { p.Id, p.CouncilChildId, p.GivenName, p.FamilyName }).ToListAsync());
        var exported = await InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().SingleAsync(a => a.EntityType == "CensusReturn"));
        Assert.Equal(AuditAction.Read, exported.Action);
        Assert.Equal(Admin.Name, exported.ActorName);
        Assert.Equal(result.Year.Name, exported.EntityId);
        var fields = AuditChanges.Parse(exported.Changes).ToDictionary(c => c.Field, c => c.To);
        Assert.Equal("7", fields["children"]);
        Assert.Equal("808", fields["laCode"]);
        Assert.Equal("2026-03-31", fields["referenceDate"]);
        var c1 = childIds.Single(c => c.CouncilChildId == "C1");
        Assert.Contains(c1.Id.ToString(), fields["personIds"]);
        Assert.DoesNotContain(c1.FamilyName, exported.Changes);
        Assert.DoesNotContain("J201000000000", exported.Changes);

        var readiness = await InScope(s => Get<CensusExport>(s).ReadinessAsync(Admin));
        var checkedEvent = await InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().SingleAsync(a => a.EntityType == "CensusReadiness"));
        Assert.Equal(readiness.Year.Name, checkedEvent.EntityId);
        Assert.Equal(readiness.Children.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditChanges.Parse(checkedEvent.Changes).Single(c => c.Field == "children").To);
    }

    [Fact]
    public async Task A_child_imported_by_reference_and_corrected_with_a_date_of_death_is_exported_with_it()
    {
        await ImportFixtureAsync();
        var c2 = await InScope(s => Get<HearthDbContext>(s).Set<Person>().AsNoTracking().SingleAsync(p => p.CouncilChildId == "C2"));
        Assert.Equal("C2", c2.GivenName);
        await InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Practitioner, c2.Id, c2.Version,
            new PersonCorrection(PersonDetails.Of(c2) with { GivenName = "Dylan", DateOfDeath = new DateOnly(2026, 1, 20) }, "Reported by the hospital")));

        var child = ReadBack(await ExportAsync(new DateOnly(2026, 3, 31))).Children.Single(c => c.LAchildID == "C2");

        Assert.Equal(new DateOnly(2026, 1, 20), child.PersonDeathDate);
    }
}
