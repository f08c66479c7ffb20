using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Core.Tests.Referrals;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Statutory;

/// <summary>
/// Statutory records on the JourneyImport fixture (Team A; today 2026-11-02): R5 is C1's open referral of 2025-10-01,
/// R4 (C4, C5) closed on 2025-04-20, R6 (C6) needed no further action.
/// </summary>
public sealed class StatutoryServiceTests : JourneyTestBase
{
    private static readonly DateOnly R5Received = new(2025, 10, 1);

    private async Task ImportAsync()
    {
        var (rows, errors) = JourneyImport.Read(new StringReader(JourneyImportTests.Fixture));
        Assert.Empty(errors);
        Assert.True((await InScope(s => Get<JourneyImport>(s).ImportAsync(ActorContext.System("test import"), rows, new JourneyImportOptions()))).Succeeded);
    }

    private Task<(Guid Referral, Guid Child)> Ids(string referral, string child) => InScope(async s =>
    {
        var db = Get<HearthDbContext>(s);
        return (await db.Set<Referral>().Where(r => r.Reference == referral).Select(r => r.Id).SingleAsync(),
            await db.Set<Person>().Where(p => p.CouncilChildId == child).Select(p => p.Id).SingleAsync());
    });

    private Task<T> Statutory<T>(Func<StatutoryService, Task<T>> action) => InScope(s => action(Get<StatutoryService>(s)));

    private Task<int> CountAsync<T>() where T : class => InScope(s => Get<HearthDbContext>(s).Set<T>().CountAsync());

    private async Task<ValidationFailedException> Refused<T>(Func<StatutoryService, Task<T>> action)
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Statutory(action));
        Assert.All(e.Errors, x => Assert.False(string.IsNullOrWhiteSpace(x.Message)));
        return e;
    }

    private static Section47Input Conference(DateOnly start, DateOnly held) => new(start, null, held, false);

    private static ProtectionPlanInput Plan(DateOnly start, DateOnly? end = null, IReadOnlyList<DateOnly>? reviews = null) =>
        new(start, end, "NEG", "EMO", 0, reviews ?? []);

    [Fact]
    public async Task Primary_need_and_factors_are_recorded_audited_and_changed_only_from_the_version_read()
    {
        await ImportAsync();
        var (r5, c1) = await Ids("R5", "C1");
        var record = await Statutory(s => s.SetNeedAsync(Practitioner, r5, c1, null, new NeedInput("n1", ["4b", "3B"])));
        Assert.Equal("N1", record.PrimaryNeedCode);
        Assert.Equal(["3B", "4B"], record.AssessmentFactors);

        var created = await InScope(s => Get<HearthDbContext>(s).AuditEvents.SingleAsync(a => a.EntityType == nameof(ChildInNeedRecord) && a.Action == AuditAction.Created));
        Assert.Equal((Practitioner.Name, record.Id.ToString()), (created.ActorName, created.EntityId));
        Assert.Contains("\"N1\"", created.Changes);

        var changed = await Statutory(s => s.SetNeedAsync(Manager, r5, c1, record.Version, new NeedInput("N5", ["3B"])));
        Assert.Equal(record.Id, changed.Id);
        var update = await InScope(s => Get<HearthDbContext>(s).AuditEvents.SingleAsync(a => a.EntityType == nameof(ChildInNeedRecord) && a.Action == AuditAction.Updated));
        Assert.Equal(Manager.Name, update.ActorName);
        Assert.Contains("PrimaryNeedCode", update.Changes);

        // The practitioner's form still holds the first version: a conflict, and the manager's N5 stays.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Statutory(s => s.SetNeedAsync(Practitioner, r5, c1, record.Version, new NeedInput("N2", []))));
        // A form opened before the record existed is a conflict too, not a second row or an overwrite.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Statutory(s => s.SetNeedAsync(Practitioner, r5, c1, null, new NeedInput("N2", []))));
        var stored = await InScope(s => Get<HearthDbContext>(s).Set<ChildInNeedRecord>().AsNoTracking().SingleAsync());
        Assert.Equal("N5", stored.PrimaryNeedCode);
        Assert.Equal(["3B"], stored.AssessmentFactors);
    }

    [Theory]
    [InlineData(null, new string[0], "PrimaryNeedCode", "Choose the child's primary need")]
    [InlineData("N0", new string[0], "PrimaryNeedCode", "Primary need must be one of the DfE codes N1 to N9")]
    [InlineData("N10", new string[0], "PrimaryNeedCode", "Primary need must be one of the DfE codes N1 to N9")]
    [InlineData("N1", new[] { "8A" }, "AssessmentFactors", "\"8A\" is not a DfE factor code")]
    [InlineData("N1", new[] { "18A" }, "AssessmentFactors", "\"18A\" is not a DfE factor code")]
    [InlineData("N1", new[] { "99Z" }, "AssessmentFactors", "\"99Z\" is not a DfE factor code")]
    [InlineData("N1", new[] { "21", "3B" }, "AssessmentFactors", "21 (no factors identified) cannot be chosen with any other factor")]
    [InlineData("N1", new[] { "3B", "3b" }, "AssessmentFactors", "choose each factor once")]
    public async Task Bad_needs_are_refused_naming_the_field_and_nothing_is_written(string? need, string[] factors, string field, string message)
    {
        await ImportAsync();
        var (r5, c1) = await Ids("R5", "C1");
        var e = await Refused(s => s.SetNeedAsync(Practitioner, r5, c1, null, new NeedInput(need, factors)));
        var error = Assert.Single(e.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.Equal(0, await CountAsync<ChildInNeedRecord>());
    }

    [Fact]
    public async Task Records_are_for_the_team_holding_the_referral_and_need_RecordCasework()
    {
        await ImportAsync();
        var (r5, c1) = await Ids("R5", "C1");
        var (_, c2) = await Ids("R2", "C2");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statutory(s => s.SetNeedAsync(Outsider, r5, c1, null, new NeedInput("N1", []))));
        var performance = ActorContext.ForUser(Guid.CreateVersion7(), "Pat Performance", Role.Performance, []);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statutory(s => s.SetNeedAsync(performance, r5, c1, null, new NeedInput("N1", []))));
        var partner = ActorContext.ForUser(Guid.CreateVersion7(), "Parker Partner", Role.Partner, []);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statutory(s => s.ForFamilyAsync(partner, Guid.Empty)));
        // A child the referral does not name.
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statutory(s => s.SetNeedAsync(Practitioner, r5, c2, null, new NeedInput("N1", []))));
        Assert.Equal(0, await CountAsync<ChildInNeedRecord>());

        // Performance may read the family's records (council-wide), and the read is recorded.
        var family = await InScope(s => Get<HearthDbContext>(s).Set<Referral>().Where(r => r.Id == r5).Select(r => r.FamilyId).SingleAsync());
        var records = await Statutory(s => s.ForFamilyAsync(performance, family));
        Assert.Equal(["R1", "R5"], records.Referrals.Select(r => r.Referral.Reference!).ToArray());
        Assert.Equal(1, await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync(a => a.Action == AuditAction.Read && a.EntityId == family.ToString() && a.ActorName == performance.Name)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statutory(s => s.ForFamilyAsync(Outsider, family)));
    }

    [Fact]
    public async Task A_referral_with_no_further_action_takes_no_plans_or_enquiries()
    {
        await ImportAsync();
        var (r6, c6) = await Ids("R6", "C6");
        var received = new DateOnly(2025, 5, 1);
        Assert.Equal("Referral", Assert.Single((await Refused(s => s.AddCinPlanAsync(Practitioner, r6, c6, new CinPlanInput(received, received)))).Errors, e => e.Field == "Referral").Field);
        Assert.Contains((await Refused(s => s.AddSection47Async(Practitioner, r6, c6, new Section47Input(received, null, null, true)))).Errors, e => e.Field == "Referral");
        Assert.Equal(0, await CountAsync<ChildInNeedRecord>());
    }

    [Fact]
    public async Task Section_47_dates_follow_the_DfE_rules()
    {
        await ImportAsync();
        var (r5, c1) = await Ids("R5", "C1");
        var start = new DateOnly(2025, 10, 2);
        // 2025-10-18 is a Saturday (8875); before the enquiry (8615); before the referral (2889); in the future.
        Assert.Equal(["ConferenceOn"], (await Refused(s => s.AddSection47Async(Practitioner, r5, c1, Conference(start, new DateOnly(2025, 10, 18))))).Errors.Select(e => e.Field));
        Assert.Equal(["ConferenceOn"], (await Refused(s => s.AddSection47Async(Practitioner, r5, c1, Conference(start, start.AddDays(-1))))).Errors.Select(e => e.Field));
        Assert.Contains("before the referral was received on 1 October 2025",
            Assert.Single((await Refused(s => s.AddSection47Async(Practitioner, r5, c1, new Section47Input(R5Received.AddDays(-1), null, null, false)))).Errors).Message);
        Assert.Equal(["StartedOn"], (await Refused(s => s.AddSection47Async(Practitioner, r5, c1, new Section47Input(Today.AddDays(1), null, null, false)))).Errors.Select(e => e.Field));
        Assert.Equal(["ConferenceNotRequired"], (await Refused(s => s.AddSection47Async(Practitioner, r5, c1, new Section47Input(start, null, new DateOnly(2025, 10, 16), true)))).Errors.Select(e => e.Field));
        Assert.Equal(0, await CountAsync<Section47Enquiry>());

        var open = await Statutory(s => s.AddSection47Async(Practitioner, r5, c1, new Section47Input(start, new DateOnly(2025, 10, 23), null, false)));
        // 8890 / 8839: a second enquiry while the first is ongoing.
        Assert.Equal(["StartedOn"], (await Refused(s => s.AddSection47Async(Practitioner, r5, c1, new Section47Input(start.AddDays(5), null, null, false)))).Errors.Select(e => e.Field));
        var held = await Statutory(s => s.UpdateSection47Async(Practitioner, open.Id, open.Version, new Section47Input(start, new DateOnly(2025, 10, 23), new DateOnly(2025, 10, 16), false)));
        Assert.Equal(new DateOnly(2025, 10, 16), held.ConferenceOn);
        // After its conference, a new enquiry may start.
        await Statutory(s => s.AddSection47Async(Practitioner, r5, c1, new Section47Input(new DateOnly(2025, 10, 20), null, null, true)));
        Assert.Equal(2, await CountAsync<Section47Enquiry>());
        Assert.Equal(1, await CountAsync<ChildInNeedRecord>());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Statutory(s => s.UpdateSection47Async(Manager, open.Id, open.Version, new Section47Input(start, null, null, true))));
    }

    [Fact]
    public async Task Protection_plans_start_at_a_conference_and_never_overlap_CIN_plans()
    {
        await ImportAsync();
        var (r5, c1) = await Ids("R5", "C1");
        var held = new DateOnly(2025, 10, 16);
        var first = await Refused(s => s.AddProtectionPlanAsync(Practitioner, r5, c1, Plan(held)));
        Assert.Contains("Record the section 47 enquiry and its initial child protection conference first", Assert.Single(first.Errors).Message);
        await Statutory(s => s.AddSection47Async(Practitioner, r5, c1, Conference(new DateOnly(2025, 10, 2), held)));

        var bad = await Refused(s => s.AddProtectionPlanAsync(Practitioner, r5, c1,
            new ProtectionPlanInput(held.AddDays(1), held.AddDays(1), "XYZ", null, null, [held])));
        Assert.Equal(["EndedOn", "InitialCategory", "LatestCategory", "PreviousPlans", "ReviewDates", "StartedOn"], bad.Errors.Select(e => e.Field).Order().ToArray());
        Assert.Contains(bad.Errors, e => e.Field == "StartedOn" && e.Message.Contains("16 October 2025"));
        Assert.Equal(0, await CountAsync<ProtectionPlan>());

        var plan = await Statutory(s => s.AddProtectionPlanAsync(Practitioner, r5, c1, Plan(held, new DateOnly(2026, 5, 20), [new DateOnly(2026, 1, 15)])));
        Assert.Equal(["NEG", "EMO"], new[] { plan.InitialCategory, plan.LatestCategory });
        // 4001: a CIN plan during the protection plan; on its end date is fine.
        Assert.Equal(["StartedOn"], (await Refused(s => s.AddCinPlanAsync(Practitioner, r5, c1, new CinPlanInput(new DateOnly(2026, 3, 1), null)))).Errors.Select(e => e.Field));
        var cin = await Statutory(s => s.AddCinPlanAsync(Practitioner, r5, c1, new CinPlanInput(new DateOnly(2026, 5, 20), null)));
        // 4014 / 4004: a second open CIN plan overlaps the first.
        Assert.Equal(["StartedOn"], (await Refused(s => s.AddCinPlanAsync(Practitioner, r5, c1, new CinPlanInput(new DateOnly(2026, 6, 1), null)))).Errors.Select(e => e.Field));
        // Extending the protection plan into the CIN plan is refused and leaves it as it was.
        Assert.Equal(["StartedOn"], (await Refused(s => s.UpdateProtectionPlanAsync(Practitioner, plan.Id, plan.Version, Plan(held, new DateOnly(2026, 6, 1))))).Errors.Select(e => e.Field));
        Assert.Equal(new DateOnly(2026, 5, 20), (await InScope(s => Get<HearthDbContext>(s).Set<ProtectionPlan>().AsNoTracking().SingleAsync())).EndedOn);
        Assert.Null(cin.EndedOn);
    }

    [Fact]
    public async Task Records_of_a_closed_case_end_by_its_closure()
    {
        await ImportAsync();
        var (r4, c4) = await Ids("R4", "C4");
        var closed = new DateOnly(2025, 4, 20);
        var open = await Refused(s => s.AddCinPlanAsync(Practitioner, r4, c4, new CinPlanInput(new DateOnly(2025, 4, 6), null)));
        Assert.Contains("the case closed on 20 April 2025", Assert.Single(open.Errors, e => e.Field == "EndedOn").Message);
        Assert.Equal(["EndedOn"], (await Refused(s => s.AddCinPlanAsync(Practitioner, r4, c4, new CinPlanInput(new DateOnly(2025, 4, 6), closed.AddDays(1))))).Errors.Select(e => e.Field));
        Assert.Equal(["EndedOn"], (await Refused(s => s.AddCinPlanAsync(Practitioner, r4, c4, new CinPlanInput(new DateOnly(2025, 4, 6), new DateOnly(2025, 4, 5))))).Errors.Select(e => e.Field));
        // 8868: an enquiry on a closed case has its conference or no conference needed.
        Assert.Equal(["ConferenceOn"], (await Refused(s => s.AddSection47Async(Practitioner, r4, c4, new Section47Input(new DateOnly(2025, 4, 2), null, null, false)))).Errors.Select(e => e.Field));
        var plan = await Statutory(s => s.AddCinPlanAsync(Practitioner, r4, c4, new CinPlanInput(new DateOnly(2025, 4, 6), closed)));
        Assert.Equal(closed, plan.EndedOn);
        Assert.Equal(1, await CountAsync<CinPlanPeriod>());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Statutory(s => s.UpdateCinPlanAsync(Outsider, plan.Id, plan.Version, new CinPlanInput(new DateOnly(2025, 4, 7), closed))));
    }
}
