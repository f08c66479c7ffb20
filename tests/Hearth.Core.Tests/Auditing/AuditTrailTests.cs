using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Auditing;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private readonly FixedTimeProvider _time = new(Now);
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;
    private readonly ActorContext _admin = ActorContext.ForUser(Guid.CreateVersion7(), "Alex Admin", Role.Admin, []);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = _db.CreateServices(_time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private T Service<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task A_write_through_a_service_produces_exactly_one_audit_event_with_the_fields_set()
    {
        using var scope = _services.CreateScope();
        var service = await Service<OrganisationService>(scope).CreateServiceAsync(_admin.WithReason("new contract"), new NewService("IFSS Site 9", "ifss-9", null));

        var events = await Service<HearthDbContext>(scope).AuditEvents.AsNoTracking().ToListAsync();
        var e = Assert.Single(events);
        Assert.Equal(AuditAction.Created, e.Action);
        Assert.Equal("Service", e.EntityType);
        Assert.Equal(service.Id.ToString(), e.EntityId);
        Assert.Equal(_admin.UserId, e.ActorUserId);
        Assert.Equal("Alex Admin", e.ActorName);
        Assert.Equal("new contract", e.Reason);
        Assert.Equal(Now, e.OccurredAt);
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(e.Changes!, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.Contains(new FieldChange("Name", null, "IFSS Site 9"), changes);
        Assert.Contains(new FieldChange("Code", null, "ifss-9"), changes);
    }

    [Fact]
    public async Task An_update_records_each_changed_field_from_and_to()
    {
        Guid workerId;
        using (var scope = _services.CreateScope())
        {
            await SeedTeamAsync(scope);
            workerId = (await Service<OrganisationService>(scope).CreateWorkerAsync(_admin, new NewWorker("t1", "Sian", "Family practitioner", 1m, 2, [], null))).Id;
        }
        using (var scope = _services.CreateScope())
        {
            var db = Service<HearthDbContext>(scope);
            var worker = await db.Set<Worker>().SingleAsync(w => w.Id == workerId);
            worker.MaxIntensiveCases = 3;
            await db.SaveChangesAsync(_admin);
            var e = await db.AuditEvents.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal(AuditAction.Updated, e.Action);
            Assert.Equal("[{\"field\":\"MaxIntensiveCases\",\"from\":\"2\",\"to\":\"3\"}]", e.Changes);
        }
    }

    [Fact]
    public async Task A_read_of_a_person_record_writes_an_access_event()
    {
        using var scope = _services.CreateScope();
        var team = await SeedTeamAsync(scope);
        var practitioner = ActorContext.ForUser(Guid.CreateVersion7(), "Sam", Role.Practitioner, [team.Id]);
        var people = Service<PeopleService>(scope);
        var family = await people.CreateFamilyAsync(practitioner, new NewFamily("F-1", team.Id));
        var person = await people.AddPersonAsync(practitioner, new NewPerson(family.Id, "Ava", "Jones", new DateOnly(2015, 4, 1)));

        await people.ReadPersonAsync(practitioner, person.Id);

        var read = await Service<HearthDbContext>(scope).AuditEvents.AsNoTracking().Where(a => a.Action == AuditAction.Read).SingleAsync();
        Assert.Equal("Person", read.EntityType);
        Assert.Equal(person.Id.ToString(), read.EntityId);
        Assert.Equal(practitioner.UserId, read.ActorUserId);
    }

    [Fact]
    public async Task A_person_outside_the_actors_teams_cannot_be_read_and_no_access_event_is_written()
    {
        using var scope = _services.CreateScope();
        var team = await SeedTeamAsync(scope);
        var owner = ActorContext.ForUser(Guid.CreateVersion7(), "Sam", Role.Practitioner, [team.Id]);
        var outsider = ActorContext.ForUser(Guid.CreateVersion7(), "Other", Role.Practitioner, [Guid.CreateVersion7()]);
        var people = Service<PeopleService>(scope);
        var family = await people.CreateFamilyAsync(owner, new NewFamily("F-2", team.Id));
        var person = await people.AddPersonAsync(owner, new NewPerson(family.Id, "Ava", "Jones", null));

        await Assert.ThrowsAsync<AccessDeniedException>(() => people.ReadPersonAsync(outsider, person.Id));
        Assert.False(await Service<HearthDbContext>(scope).AuditEvents.AnyAsync(a => a.Action == AuditAction.Read));
    }

    [Fact]
    public async Task A_failed_write_leaves_neither_data_nor_audit_row()
    {
        using var scope = _services.CreateScope();
        await SeedTeamAsync(scope);
        var db = Service<HearthDbContext>(scope);
        var before = await db.AuditEvents.CountAsync();
        // Two services with the same code: the database's unique index refuses the second part of the save.
        db.Add(new Service { Name = "A", Code = "dup" });
        db.Add(new Service { Name = "B", Code = "dup" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(_admin));

        using var fresh = _services.CreateScope();
        var check = Service<HearthDbContext>(fresh);
        Assert.Equal(before, await check.AuditEvents.CountAsync());
        Assert.False(await check.Set<Service>().AnyAsync(s => s.Code == "dup"));
    }

    [Fact]
    public async Task Invalid_input_is_refused_whole_naming_each_field()
    {
        using var scope = _services.CreateScope();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service<OrganisationService>(scope).CreateServiceAsync(_admin, new NewService("", " ", null)));
        Assert.Equal(["Name", "Code"], e.Errors.Select(x => x.Field));
        Assert.False(await Service<HearthDbContext>(scope).AuditEvents.AnyAsync());
    }

    [Fact]
    public async Task A_save_without_an_actor_is_refused()
    {
        using var scope = _services.CreateScope();
        var db = Service<HearthDbContext>(scope);
        db.Add(new Service { Name = "Sneaky", Code = "sneaky" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Audit_events_cannot_be_changed_by_code_or_by_the_database()
    {
        using var scope = _services.CreateScope();
        await SeedTeamAsync(scope);
        var db = Service<HearthDbContext>(scope);
        var e = await db.AuditEvents.FirstAsync();
        e.Reason = "rewritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(_admin));
        db.ChangeTracker.Clear();

        // Even raw SQL is refused by the append-only triggers.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET reason = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            // TRUNCATE fires no row trigger; the statement trigger refuses it (SQLite has no TRUNCATE).
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_events"));
        }
        Assert.True(await db.AuditEvents.AnyAsync());
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Reason == "x"));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_not_silently_overwritten()
    {
        Guid workerId;
        using (var scope = _services.CreateScope())
        {
            await SeedTeamAsync(scope);
            workerId = (await Service<OrganisationService>(scope).CreateWorkerAsync(_admin, new NewWorker("t1", "Sian", "Family practitioner", 1m, 2, [], null))).Id;
        }
        using var first = _services.CreateScope();
        using var second = _services.CreateScope();
        var a = await Service<HearthDbContext>(first).Set<Worker>().SingleAsync(w => w.Id == workerId);
        var b = await Service<HearthDbContext>(second).Set<Worker>().SingleAsync(w => w.Id == workerId);
        a.Patch = "North";
        await Service<HearthDbContext>(first).SaveChangesAsync(_admin);
        b.Patch = "South";
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service<HearthDbContext>(second).SaveChangesAsync(_admin));

        using var check = _services.CreateScope();
        Assert.Equal("North", (await Service<HearthDbContext>(check).Set<Worker>().SingleAsync(w => w.Id == workerId)).Patch);
    }

    [Fact]
    public async Task A_password_change_is_audited_without_the_hash_or_the_security_stamp()
    {
        HearthUser user;
        using (var scope = _services.CreateScope())
        {
            user = await Service<UserService>(scope).CreateAsync(_admin, new NewUser("Pat Partner", "pat@example.org", "Admin", [], "First-passw0rd!"));
        }
        string newHash;
        using (var scope = _services.CreateScope())
        {
            Service<HearthDbContext>(scope).UseActor(_admin);
            var users = Service<UserManager<HearthUser>>(scope);
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            var changed = await users.ChangePasswordAsync(stored, "First-passw0rd!", "Second-passw0rd!");
            Assert.True(changed.Succeeded);
            newHash = stored.PasswordHash!;
        }

        using var check = _services.CreateScope();
        var events = await Service<HearthDbContext>(check).AuditEvents.AsNoTracking()
            .Where(a => a.EntityType == nameof(HearthUser) && a.EntityId == user.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        var created = Changes(events.Single(a => a.Action == AuditAction.Created));
        Assert.Contains(new FieldChange(nameof(HearthUser.PasswordHash), null, "(set)"), created);
        Assert.Contains(new FieldChange("DisplayName", null, "Pat Partner"), created);
        var update = Changes(events.Single(a => a.Action == AuditAction.Updated));
        Assert.Contains(new FieldChange(nameof(HearthUser.PasswordHash), "(hidden)", "(changed)"), update);
        Assert.Contains(new FieldChange(nameof(HearthUser.SecurityStamp), "(hidden)", "(changed)"), update);
        Assert.DoesNotContain(events, a => a.Changes != null && a.Changes.Contains(newHash, StringComparison.Ordinal));
    }

    private static List<FieldChange> Changes(AuditEvent e) =>
        JsonSerializer.Deserialize<List<FieldChange>>(e.Changes!, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Fact]
    public async Task A_search_of_the_trail_is_itself_recorded_with_its_filter()
    {
        using var scope = _services.CreateScope();
        await SeedTeamAsync(scope);
        var before = await Service<HearthDbContext>(scope).AuditEvents.CountAsync();
        var page = await Service<AuditTrail>(scope).SearchAsync(_admin, new AuditFilter(From: new DateOnly(2026, 11, 1), EntityType: "Team"));

        Assert.Equal(before, await Service<HearthDbContext>(scope).AuditEvents.CountAsync() - 1);
        Assert.DoesNotContain(page.Events, e => e.EntityType == "AuditTrail");
        var read = await Service<HearthDbContext>(scope).AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();
        Assert.Equal((AuditAction.Read, "AuditTrail", "Team", _admin.UserId), (read.Action, read.EntityType, read.EntityId, read.ActorUserId));
        var filter = AuditChanges.Parse(read.Changes).ToDictionary(c => c.Field, c => c.To);
        Assert.Equal("2026-11-01", filter["from"]);
        Assert.Equal("Team", filter["entityType"]);
    }

    [Fact]
    public async Task The_trail_hides_a_familys_values_from_an_administrator_but_shows_configuration_and_shows_them_to_a_viewer_of_the_family()
    {
        using var scope = _services.CreateScope();
        var team = await SeedTeamAsync(scope);
        var system = ActorContext.System("test");
        var people = Service<PeopleService>(scope);
        var family = await people.CreateFamilyAsync(system, new NewFamily("F-HIDE", team.Id));
        var person = await people.AddPersonAsync(system, new NewPerson(family.Id, "Ava", "Hidden", new DateOnly(2015, 4, 1)));
        var trail = Service<AuditTrail>(scope);

        var asAdmin = (await trail.SearchAsync(_admin, new AuditFilter(PageSize: 500))).Events;
        var personEvent = asAdmin.Single(e => e.EntityType == "Person" && e.EntityId == person.Id.ToString() && e.Action == AuditAction.Created);
        Assert.DoesNotContain("Hidden", personEvent.Changes);
        Assert.Contains(new FieldChange("FamilyName", null, AuditTrail.Hidden), AuditChanges.Parse(personEvent.Changes));
        Assert.DoesNotContain("F-HIDE", asAdmin.Single(e => e.EntityType == "Family" && e.Action == AuditAction.Created).Changes);
        Assert.Contains(new FieldChange("Name", null, "Team"), AuditChanges.Parse(asAdmin.Single(e => e.EntityType == "Team").Changes));

        // A viewer holding ViewFamilies whose scope has the family (here the system, which holds every permission) sees them.
        var asViewer = (await trail.SearchAsync(system, new AuditFilter(PageSize: 500))).Events;
        Assert.Contains(new FieldChange("FamilyName", null, "Hidden"), AuditChanges.Parse(asViewer.Single(e => e.EntityType == "Person" && e.Action == AuditAction.Created).Changes));
        Assert.Contains("F-HIDE", asViewer.Single(e => e.EntityType == "Family" && e.Action == AuditAction.Created).Changes);
    }

    private async Task<Team> SeedTeamAsync(IServiceScope scope)
    {
        var org = Service<OrganisationService>(scope);
        await org.CreateServiceAsync(_admin, new NewService("Service", "s1", null));
        return await org.CreateTeamAsync(_admin, new NewTeam("s1", "Team", "t1", null));
    }
}
