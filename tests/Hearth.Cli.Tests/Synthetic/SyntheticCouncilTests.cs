using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Synthetic;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Synthetic;

public sealed class SyntheticCouncilTests
{
    private static readonly DateOnly Until = new(2026, 11, 1);
    private static readonly ActorContext Admin = ActorContext.ForUser(Guid.CreateVersion7(), "Alex Admin", Role.Admin, []);
    private static readonly ActorContext Performance = ActorContext.ForUser(Guid.CreateVersion7(), "Pat Performance", Role.Performance, []);
    private const bool Confirmed = true;

    // The tool builds the council from the Core services it is given, as here; Core does not register it.
    private static SyntheticCouncil Council(IServiceScope scope) => ActivatorUtilities.CreateInstance<SyntheticCouncil>(scope.ServiceProvider);

    private static async Task<(SyntheticSummary Summary, string Fingerprint, ReportResult Outcomes)> SeedAsync(int families, int seed)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using var scope = services.CreateScope();
        var summary = await Council(scope).SeedAsync(Admin, families, seed, Confirmed, Until);
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        // Enough of every kind of row, read back through EF, to show two runs wrote the same thing.
        var referrals = await db.Set<Referral>().OrderBy(r => r.Id).Select(r => $"{r.Id}|{r.Reference}|{r.ReceivedOn}|{r.Status}|{r.IsReReferral}|{r.EpisodeId}").ToListAsync();
        var episodes = await db.Set<Episode>().OrderBy(e => e.Id).Select(e => $"{e.Id}|{e.OpenedOn}|{e.ClosedOn}|{e.ClosureReason}|{e.CurrentPhase}").ToListAsync();
        var scores = await db.Set<MeasureAdministration>().OrderBy(a => a.Id).Select(a => $"{a.InstrumentId}|{a.PrimaryScore}|{a.CompletedOn}").ToListAsync();
        var outcomes = await scope.ServiceProvider.GetRequiredService<ReportService>().RunAsync(Performance, "outcomes", new ReportFilter(ReportPeriod.FinancialYear(2025)));
        return (summary, string.Join("\n", referrals.Concat(episodes).Concat(scores)), outcomes);
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_council_and_another_seed_a_different_one()
    {
        var first = await SeedAsync(60, 7);
        var second = await SeedAsync(60, 7);
        var other = await SeedAsync(60, 8);

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.Summary.Rows, second.Summary.Rows);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(ReportExport.ToJson(first.Outcomes)), System.Text.Json.JsonSerializer.Serialize(ReportExport.ToJson(second.Outcomes)));
    }

    [Fact]
    public async Task A_bulk_seed_writes_believable_journeys_readable_through_ef_and_one_audit_event()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using var scope = services.CreateScope();
        var progress = new List<SyntheticProgress>();
        var summary = await Council(scope).SeedAsync(Admin, 500, 3, Confirmed, Until, new Inline(progress.Add));
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();

        Assert.Equal(500, await db.Set<Family>().CountAsync());
        Assert.Equal(1, summary.Teams);
        Assert.Equal(SyntheticCouncil.WorkersPerTeam, summary.Workers);
        Assert.Equal(500, progress[^1].FamiliesDone);
        Assert.Equal(summary.TotalRows, summary.Rows.Values.Sum());
        // Journeys: every accepted referral has an episode whose first referral it is; closed episodes have a reason.
        var referrals = await db.Set<Referral>().ToListAsync();
        Assert.All(referrals.Where(r => r.Status == ReferralStatus.Accepted), r => Assert.NotNull(r.EpisodeId));
        Assert.InRange(referrals.Count(r => r.Status == ReferralStatus.Inappropriate) / (double)referrals.Count, 0.04, 0.18);
        Assert.Contains(referrals, r => r.IsReReferral);
        var episodes = await db.Set<Episode>().Include(e => e.Phases).ToListAsync();
        Assert.All(episodes.Where(e => e.ClosedOn is not null), e => Assert.NotNull(e.ClosureReason));
        Assert.All(episodes.Where(e => e.ClosedOn is null), e => Assert.Equal(e.CurrentPhase, Assert.Single(e.Phases, p => p.EndedOn is null).PhaseKey));
        Assert.All(episodes.Where(e => e.ClosedOn is not null), e => Assert.All(e.Phases, p => Assert.NotNull(p.EndedOn)));
        // List columns, enums and decimals read back as EF wrote them.
        var session = await db.Set<Session>().FirstAsync();
        Assert.Single(session.WorkerIds);
        Assert.True(await db.Set<Worker>().AnyAsync(w => w.Id == session.WorkerIds[0]));
        Assert.True(await db.Set<Session>().AnyAsync(s => s.WorkerIds.Contains(session.WorkerIds[0])));
        Assert.Contains(await db.Set<Person>().Select(p => p.DisabilityCodes).ToListAsync(), codes => codes.Count == 1);
        Assert.True(await db.Set<MeasureScore>().AnyAsync(s => s.Key == "emotional" && s.Value != null));
        Assert.True(await db.Set<OutcomeEvent>().AnyAsync(o => o.Kind == OutcomeKind.ChildProtectionPlan));
        // The search columns are filled as SaveChanges would fill them, so search finds the synthetic people.
        var person = await db.Set<Person>().OrderBy(p => p.Id).FirstAsync();
        var expected = new Person { GivenName = person.GivenName, FamilyName = person.FamilyName };
        PersonSearchKeys.Fill(expected);
        Assert.Equal((expected.SearchGivenName, expected.SearchFamilyName, expected.GivenNameKey, expected.FamilyNameKey),
            (person.SearchGivenName, person.SearchFamilyName, person.GivenNameKey, person.FamilyNameKey));
        Assert.Equal(0, await db.Set<Person>().CountAsync(p => p.FamilyNameKey == null));
        var found = await scope.ServiceProvider.GetRequiredService<PersonSearch>().SearchAsync(Performance, $"{person.GivenName} {person.FamilyName}");
        Assert.False(found.MoreThanShown);
        Assert.Contains(found.Results, r => r.PersonId == person.Id);

        // One audit event for the whole load, not one per row.
        var audit = await db.AuditEvents.Where(a => a.EntityType == "SyntheticCouncil").ToListAsync();
        var only = Assert.Single(audit);
        Assert.Equal(AuditAction.Created, only.Action);
        Assert.Contains("\"families\":500", only.Changes);
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.EntityType == nameof(Family) || a.EntityType == nameof(Referral)));
    }

    [Fact]
    public async Task A_seed_already_used_or_a_bad_size_is_refused_and_only_an_administrator_may_seed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using var scope = services.CreateScope();
        var seeder = Council(scope);
        await seeder.SeedAsync(Admin, 5, 1, Confirmed, Until);

        Assert.Equal("Seed", (await Assert.ThrowsAsync<ValidationFailedException>(() => seeder.SeedAsync(Admin, 5, 1, Confirmed, Until))).Errors.Single().Field);
        Assert.Equal("Families", (await Assert.ThrowsAsync<ValidationFailedException>(() => seeder.SeedAsync(Admin, 0, 2, Confirmed, Until))).Errors.Single().Field);
        var manager = ActorContext.ForUser(Guid.CreateVersion7(), "Morgan Manager", Role.Manager, []);
        await Assert.ThrowsAsync<AccessDeniedException>(() => seeder.SeedAsync(manager, 5, 3, Confirmed, Until));
        Assert.Equal(5, await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Family>().CountAsync());
    }

    [Fact]
    public async Task A_database_with_a_councils_own_services_or_families_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using (var scope = services.CreateScope())
        {
            await Council(scope).SeedAsync(Admin, 3, 1, Confirmed, Until);
            // A database holding only synthetic councils may take another.
            await Council(scope).SeedAsync(Admin, 3, 2, Confirmed, Until);
            await scope.ServiceProvider.GetRequiredService<Hearth.Core.Organisation.OrganisationService>()
                .CreateServiceAsync(Admin, new Hearth.Core.Organisation.NewService("IFSS Site 1", "ifss-1", null, Hearth.Core.Programmes.ShippedProgrammes.Ifss));
        }
        using var after = services.CreateScope();
        var db = after.ServiceProvider.GetRequiredService<HearthDbContext>();
        var families = await db.Set<Family>().CountAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Council(after).SeedAsync(Admin, 3, 3, Confirmed, Until));

        Assert.Equal("Database", refused.Errors.Single().Field);
        Assert.Equal(families, await db.Set<Family>().CountAsync());
    }

    [Fact]
    public async Task A_run_not_confirmed_is_refused_before_anything_is_written_even_to_an_empty_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var audit = await db.AuditEvents.CountAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Council(scope).SeedAsync(Admin, 3, 1, iUnderstandThisWritesFakeFamilies: false, Until));

        Assert.Equal("Confirm", refused.Errors.Single().Field);
        Assert.Contains(SyntheticCouncil.ConfirmFlag, refused.Errors.Single().Message);
        Assert.False(await db.Set<Family>().AnyAsync());
        Assert.False(await db.Set<Service>().AnyAsync());
        Assert.Equal(audit, await db.AuditEvents.CountAsync());
    }

    /// <summary>Reports progress on the caller's thread (Progress&lt;T&gt; would post it later).</summary>
    private sealed class Inline(Action<SyntheticProgress> report) : IProgress<SyntheticProgress>
    {
        public void Report(SyntheticProgress value) => report(value);
    }
}
