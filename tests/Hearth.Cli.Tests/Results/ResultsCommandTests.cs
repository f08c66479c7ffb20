using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Results;

public sealed class ResultsCommandTests : IAsyncLifetime
{
    private const string Header = "source,evidence_ref,kind,from,to,council_child_id,upn,nhs_number,household_ref,date_of_birth,sessions_possible,authorised_absences,unauthorised_absences,hours_per_week,code";

    private const string Evidence = Header + "\n"
        + "police,P1,asb_intervention,2025-10-01,,,,9434765919,,1985-01-01,,,,,\n"
        + "dwp,D1,out_of_work_benefit,2024-01-01,,,,9434765919,,,,,,,\n"
        + "council,L1,need_identified,2025-12-01,,C100,,,,2014-03-01,,,,,local:eviction-risk\n"
        + "dwp,E1,employment,2026-02-10,,,,9434765919,,,,,,30,\n";

    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("hearth-results-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _db.DisposeAsync();
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Evidence_imports_once_row_by_row_and_a_bad_file_is_refused_whole()
    {
        var path = File("evidence.csv", Evidence);
        var first = await CliRunner.RunAsync(_db.Settings, "import", "evidence", path);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("row 2: police P1 added (asb_intervention for NHS 9434765919, not yet known to the service)", first.Out);
        Assert.Contains("Imported 4 fact(s) about 2 new person(s) (0 matched to people the service knows); 0 fact(s) already present and left unchanged.", first.Out);
        var second = await CliRunner.RunAsync(_db.Settings, "import", "evidence", path);
        Assert.Contains("Imported 0 fact(s) about 0 new person(s) (0 matched to people the service knows); 4 fact(s) already present and left unchanged.", second.Out);

        var bad = await CliRunner.RunAsync(_db.Settings, "import", "evidence", File("bad.csv", Header + "\npolice,P9,asb_incident,2025-10-01,,,,,,,,,,,\n"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("error: row 2, council_child_id: Give at least one identifier: council_child_id, upn or nhs_number", bad.Error);
        Assert.Contains("1 error(s); nothing was imported.", bad.Error);
    }

    [Fact]
    public async Task Results_evaluate_writes_each_attached_family_s_results_with_the_computation()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.Settings, "import", "evidence", File("evidence.csv", Evidence))).ExitCode);
        await using (var services = _db.CreateServices(TimeProvider.System))
        {
            using var scope = services.CreateScope();
            var admin = ActorContext.System("test");
            var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            await org.CreateServiceAsync(admin, new NewService("Families First", "ff", null, null));
            var team = await org.CreateTeamAsync(admin, new NewTeam("ff", "North", "north", null));
            var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
            var family = await people.CreateFamilyAsync(admin, new NewFamily("F-CLI", team.Id));
            await people.AddPersonAsync(admin, new NewPerson(family.Id, "Ava", "Cli", new DateOnly(2014, 3, 1)) { CouncilChildId = "C100", NotADuplicate = true });
            await people.AddPersonAsync(admin, new NewPerson(family.Id, "Robin", "Cli", new DateOnly(1985, 1, 1)) { NhsNumber = "9434765919", Relationship = Relationship.Parent, NotADuplicate = true });
            // Crime/ASB and work, plus local discretion: eligible for phase 1.
            await scope.ServiceProvider.GetRequiredService<ResultsService>().AttachAsync(admin, family.Id, ShippedFrameworks.TroubledFamilies1, new DateOnly(2026, 2, 1));
        }
        var output = Path.Combine(_folder, "results.csv");
        var run = await CliRunner.RunAsync(_db.Settings, "results", "evaluate", "--framework", "troubled-families-1", "--as-of", "2026-06-30", "--out", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Wrote 1 family(ies), 1 claimable result(s), to {output}.", run.Out.Trim());
        var lines = System.IO.File.ReadAllLines(output);
        Assert.Equal(string.Join(",", ResultsExport.Columns), lines[0]);
        // Employment from 2026-02-10 to 2026-06-30 is 141 days: 20 weeks and 1 day, over the 13 needed, from 2026-05-11.
        Assert.Equal("F-CLI,troubled-families-1,1,2026-02-01,c,yes,2026-05-11,2026-05-11,yes,no,4000.00,"
            + "\"Continuous employment: Robin Cli employed from 2026-02-10, 20 weeks 1 day(s) to 2026-06-30, threshold 13 weeks: met\"", lines[3]);
        Assert.StartsWith("F-CLI,troubled-families-1,1,2026-02-01,a,no,", lines[1]);

        var badDate = await CliRunner.RunAsync(_db.Settings, "results", "evaluate", "--framework", "troubled-families-1", "--as-of", "30/06/2026");
        Assert.Equal((1, "error: --as-of must be a date in the form YYYY-MM-DD."), (badDate.ExitCode, badDate.Error.Trim()));
        var badFramework = await CliRunner.RunAsync(_db.Settings, "results", "evaluate", "--framework", "nope", "--as-of", "2026-06-30");
        Assert.Equal(1, badFramework.ExitCode);
    }
}
