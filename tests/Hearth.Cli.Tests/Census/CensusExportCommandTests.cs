using Hearth.Core.Data;
using Hearth.Core.Demo;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Returns.Census;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Census;

/// <summary>`hearth census export` on the database under test: exit codes, the report, --force and the atomic write.</summary>
public sealed class CensusExportCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("hearth-census-export-").FullName;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(_db.Settings, args);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>The demo council as seeded on a fixed day, so that the 2025-26 census holds the same story on every run.</summary>
    private async Task SeedDemoAsync()
    {
        await _db.DisposeAsync();
        _db = await TestDatabase.CreateDemoAsync(FixedTimeProvider.At(2026, 11, 2));
    }

    [Fact]
    public async Task The_demo_council_exports_a_census_with_no_errors_and_a_census_with_errors_is_written_only_with_force()
    {
        await SeedDemoAsync();
        var target = PathOf("demo.xml");
        var args = new[] { "census", "export", "--reference-date", "2026-03-31", "--la-code", "808", "--out", target };

        // The demo records every child's ethnicity and disability and the statutory records: no errors, queries allowed.
        var clean = await Run(args);
        Assert.Equal(0, clean.ExitCode);
        Assert.Matches(@"CIN census 2025-26, [0-9]+ children: 0 error\(s\)", clean.Error);
        Assert.DoesNotContain(",error,", clean.Out);
        var file = CensusReader.Read(target);
        Assert.Equal(CensusYear.Y2025_26, file.Year);
        Assert.Empty(file.StructuralIssues);
        Assert.True(file.Children.Count > 50);
        Assert.All(file.Children, c => Assert.Matches("^C[0-9]{6}$", c.LAchildID!));
        var details = file.Children.SelectMany(c => c.CINdetails).ToList();
        Assert.All(details.Where(d => d.ReferralNFA == false), d => Assert.NotNull(d.PrimaryNeedCode));
        Assert.Contains(details, d => d.CINPlanDates.Count > 0);
        Assert.Contains(details, d => d.Section47.Any(s => s.DateOfInitialCPC is not null));
        Assert.Contains(details, d => d.Section47.Any(s => s.ICPCnotRequired == true));
        Assert.Contains(details, d => d.ChildProtectionPlans.Count > 0);
        // The written file, checked as any other council's file would be: no errors.
        var validate = await Run("census", "validate", target);
        Assert.Equal(0, validate.ExitCode);
        Assert.DoesNotContain(",error,", validate.Out);

        // A child whose ethnicity is lost: the return has an error, reported and not written.
        File.Delete(target);
        await using (var services = _db.CreateServices())
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var child = await db.Set<Person>().SingleAsync(p => p.CouncilChildId == file.Children[0].LAchildID);
            child.EthnicityCode = null;
            await db.SaveChangesAsync(ActorContext.System("test"));
        }
        var refused = await Run(args);
        Assert.Equal(1, refused.ExitCode);
        Assert.False(File.Exists(target));
        Assert.StartsWith(string.Join(",", CensusReportWriter.CsvHeader), refused.Out);
        Assert.Contains($"{file.Children[0].LAchildID},4220,error,", refused.Out);
        Assert.Contains("Not written", refused.Error);

        var forced = await Run([.. args, "--force"]);
        Assert.Equal(1, forced.ExitCode);
        Assert.True(File.Exists(target));
        Assert.Equal([target], Directory.GetFiles(_dir));
        Assert.Empty(CensusReader.Read(target).StructuralIssues);
        Assert.Equal(refused.Out, forced.Out);
    }

    [Fact]
    public async Task A_clean_census_exits_0_and_replaces_the_file_whole()
    {
        await using (var services = _db.CreateServices(new FixedTimeProvider(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero))))
        {
            using var scope = services.CreateScope();
            var p = scope.ServiceProvider;
            var actor = ActorContext.System("test");
            await p.GetRequiredService<ProgrammeService>().EnsureShippedAsync(actor);
            var org = p.GetRequiredService<OrganisationService>();
            await org.CreateServiceAsync(actor, new NewService("FACT22", "fact22", null, ShippedProgrammes.CinPod));
            await org.CreateTeamAsync(actor, new NewTeam("fact22", "Pod 1", "pod-1", "Crewe"));
            // One referral that needed no further action: the only issues are queries (RC8 without an assessment, and
            // fewer than 8 disability codes in the return).
            var (rows, errors) = JourneyImport.Read(new StringReader(
                "service,team,family_ref,child_refs,child_birth_dates,referral_ref,received_on,referral_source,decision,decision_on,assessment_started_on,phase1_started_on,phase1_completed_on,phase2_completed_on,closed_on,closure_reason,unmet_need\n" +
                "FACT22,Pod 1,F1,C1,2015-06-01,R1,2025-09-10,2A,advice,2025-09-10,,,,,,,\n"));
            Assert.Empty(errors);
            Assert.True((await p.GetRequiredService<JourneyImport>().ImportAsync(actor, rows, new JourneyImportOptions())).Succeeded);
            var db = p.GetRequiredService<HearthDbContext>();
            var child = await db.Set<Person>().SingleAsync();
            (child.EthnicityCode, child.DisabilityCodes, child.Sex, child.Upn) = ("WBRI", ["NONE"], Sex.Male, "J201000000000");
            await db.SaveChangesAsync(actor);
        }
        var target = PathOf("clean.xml");
        await File.WriteAllTextAsync(target, "an older export");

        var result = await Run("census", "export", "--reference-date", "2026-03-31", "--la-code", "808", "--out", target);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 error(s), 2 query(ies)", result.Error);
        Assert.Contains(",8825Q,query,", result.Out);
        Assert.Contains(",2887Q,query,", result.Out);
        var file = CensusReader.Read(target);
        var c1 = Assert.Single(file.Children);
        Assert.Equal(("C1", "M", "WBRI"), (c1.LAchildID, c1.Sex, c1.Ethnicity));
        Assert.Equal([target], Directory.GetFiles(_dir));
    }

    [Theory]
    [InlineData("31/03/2026", "808", "error: --reference-date: Enter the reference date as YYYY-MM-DD")]
    [InlineData("2031-03-31", "808", "error: ReferenceDate: No census year with published rules contains 31 March 2031")]
    [InlineData("2026-03-31", "8O8", "error: LaCode: Enter the local authority code: 3 digits")]
    public async Task Bad_arguments_exit_1_naming_the_problem_and_write_nothing(string date, string la, string expected)
    {
        var target = PathOf("bad.xml");
        var result = await Run("census", "export", "--reference-date", date, "--la-code", la, "--out", target);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
