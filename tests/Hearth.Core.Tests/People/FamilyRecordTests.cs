using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.People;

public sealed class FamilyRecordTests : JourneyTestBase
{
    [Fact]
    public async Task The_family_record_shows_a_chronology_of_the_journey_and_its_opening_is_audited()
    {
        var (family, child) = await FamilyWithChildAsync("FR-1");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-100)));
        var episodeId = (await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Accepted, Today.AddDays(-99)))).EpisodeId!.Value;
        var worker = await WorkerAsync("Sian", TeamA);
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episodeId, worker.Id, Today.AddDays(-98))));
        await ActAsync(episodeId, (s, v) => s.CloseAsync(Manager, episodeId, v, new ClosureInput(Today.AddDays(-50), ClosureReason.MovedAway, ClosureDestination.AnotherLocalAuthority, true)));
        await InScope(s => Get<EpisodeService>(s).RecordOutcomeAsync(Practitioner, new NewOutcomeEvent(child.Id, episodeId, OutcomeKind.ReturnedHome, Today.AddDays(-10), null)));

        var record = await InScope(s => Get<FamilyRecordService>(s).ReadAsync(Practitioner, family.Id));

        Assert.Equal("Team A", record.TeamName);
        Assert.Equal(child.Id, Assert.Single(record.Members).Person.Id);
        Assert.Equal([ChronologyKind.Outcome, ChronologyKind.Closure, ChronologyKind.Allocation, ChronologyKind.Phase, ChronologyKind.Triage, ChronologyKind.Referral], record.Chronology.Select(c => c.Kind));
        // In words, never codes: not "moved_away", "AnotherLocalAuthority", "RC5" or "ReturnedHome".
        Assert.Equal("Closed: moved away; next: another local authority; unmet need remains", record.Chronology[1].Summary);
        Assert.Contains("Allocated to Sian", record.Chronology[2].Summary);
        Assert.Equal("Returned home: Ava FR-1", record.Chronology[0].Summary);
        Assert.True(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(a => a.Action == AuditAction.Read && a.EntityType == "Family" && a.EntityId == family.Id.ToString())));
    }

    [Fact]
    public async Task Another_teams_family_record_cannot_be_opened()
    {
        var (family, _) = await FamilyWithChildAsync("FR-2");
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<FamilyRecordService>(s).ReadAsync(Outsider, family.Id)));
        var partner = ActorContext.ForUser(Guid.CreateVersion7(), "Parker Partner", Role.Partner, [TeamA.Id]);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<FamilyRecordService>(s).ReadAsync(partner, family.Id)));
        Assert.False(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(a => a.Action == AuditAction.Read)));
    }
}
