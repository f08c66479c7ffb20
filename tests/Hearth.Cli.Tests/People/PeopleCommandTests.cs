using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.People;

public sealed class PeopleCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var services = _db.CreateServices(TimeProvider.System);
        using var scope = services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A child as the journeys import leaves one: known by reference only.</summary>
    private Task<Person> ImportedChildAsync() => WithAsync(async s =>
    {
        var admin = ActorContext.System("test");
        var org = s.GetRequiredService<OrganisationService>();
        await org.CreateServiceAsync(admin, new NewService("Families First", "ff", null, null));
        var team = await org.CreateTeamAsync(admin, new NewTeam("ff", "North", "north", null));
        var family = await s.GetRequiredService<PeopleService>().CreateFamilyAsync(admin, new NewFamily("F-CLI", team.Id));
        return await s.GetRequiredService<PeopleService>().AddPersonAsync(admin, new NewPerson(family.Id, "C-77", "F-CLI", new DateOnly(2014, 3, 1)) { CouncilChildId = "C-77", NotADuplicate = true });
    });

    [Fact]
    public async Task People_update_corrects_only_the_fields_given_with_the_reason_and_refuses_bad_values_naming_them()
    {
        var child = await ImportedChildAsync();
        var id = child.Id.ToString();

        var bad = await CliRunner.RunAsync(_db.Settings, "people", "update", id, "--reason", "School records", "--upn", "A801200005001", "--nhs-number", "9434765918");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(["error: Upn: Enter a valid UPN: a check letter and 12 characters whose check letter matches", "error: NhsNumber: Enter a valid 10-digit NHS number"],
            bad.Error.Trim().Split('\n').Select(l => l.Trim()));
        var badDate = await CliRunner.RunAsync(_db.Settings, "people", "update", id, "--reason", "School records", "--date-of-birth", "01/03/2014");
        Assert.Equal((1, "error: --date-of-birth must be a date in the form YYYY-MM-DD."), (badDate.ExitCode, badDate.Error.Trim()));

        var run = await CliRunner.RunAsync(_db.Settings, "people", "update", id, "--reason", "Names from the school", "--given-name", "Tomos", "--family-name", "Evans",
            "--upn", "B801200005001", "--ethnicity", "WBRI", "--disability", "AUT", "--disability", "LD", "--new-address", "5 Bay Road, Cardiff", "--new-postcode", "CF10 5AA", "--moved-in", "2025-09-01");
        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal($"Saved the changes to Tomos Evans's record (version {child.Version + 1}).", run.Out.Trim());

        var stored = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.Id == child.Id));
        Assert.Equal(("Tomos", "Evans", "B801200005001", "WBRI", "C-77", new DateOnly(2014, 3, 1), "CF10 5AA"),
            (stored.GivenName, stored.FamilyName, stored.Upn, stored.EthnicityCode, stored.CouncilChildId, stored.DateOfBirth!.Value, stored.Postcode));
        Assert.Equal(["AUT", "LD"], stored.DisabilityCodes);
        var audit = await WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(a => a.EntityId == id && a.Action == AuditAction.Updated));
        Assert.Equal("Names from the school", audit.Reason);
        Assert.StartsWith("system: cli", audit.ActorName);

        var show = await CliRunner.RunAsync(_db.Settings, "people", "show", id);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("name: Tomos Evans", show.Out);
        Assert.Contains("ethnicity: WBRI (White British)", show.Out);
        Assert.Contains("address: 5 Bay Road, Cardiff, CF10 5AA from 2025-09-01 (current)", show.Out);

        var stale = await CliRunner.RunAsync(_db.Settings, "people", "update", id, "--reason", "Again", "--given-name", "Tom", "--expected-version", child.Version.ToString());
        Assert.Equal(1, stale.ExitCode);
        Assert.Contains("changed since the version given", stale.Error);
        var noReason = await CliRunner.RunAsync(_db.Settings, "people", "update", id, "--given-name", "Tom");
        Assert.NotEqual(0, noReason.ExitCode);
    }
}
