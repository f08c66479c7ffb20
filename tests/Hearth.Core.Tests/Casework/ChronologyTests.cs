using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>The family's chronology.</summary>
public sealed class ChronologyTests : CaseworkTestBase
{
    [Fact]
    public async Task The_chronology_lists_every_item_newest_first_filterable_by_type_and_member()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 2, 10), 10, 60) with { PersonIds = [Parent.Id] }));
        await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Child.Id, "Ava at school", "Kim", null, FiveLevels, [])));
        await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "Aunt Jo", null)));
        await Professionals(c => c.AddProfessionalAsync(Practitioner, Episode.Id, new ProfessionalInput("Dr Rees", "Valley Surgery", "GP", null, true)));

        var all = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id));
        var sessions = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id, ChronologyKind.Session));
        var ava = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id, personId: Child.Id));

        // Same-day entries newest first: on 4 December the assessment decision, then the move to phase 1, then the allocation.
        Assert.Equal(
        [
            (Today, ChronologyKind.Professional), (Today, ChronologyKind.Goal), (Today, ChronologyKind.Plan), (new DateOnly(2026, 2, 10), ChronologyKind.Session), (Phase2On, ChronologyKind.Phase),
            (Phase1On, ChronologyKind.Allocation), (Phase1On, ChronologyKind.Phase), (Phase1On, ChronologyKind.Assessment), (Received.AddDays(1), ChronologyKind.Phase),
            (Received, ChronologyKind.Phase), (Received, ChronologyKind.Triage), (Received, ChronologyKind.Referral),
        ], all.Select(e => (e.On, e.Kind)));
        // The team around the family is dated by the day the professional was recorded.
        Assert.Equal("Team around the family: Dr Rees, GP (Valley Surgery)", all[0].Summary);
        Assert.Equal("Allocated to Wren Worker", all[5].Summary);
        Assert.Equal("Assessment decision: Proceed", all[7].Summary);
        Assert.Equal("Children's safety plan version 1", all[2].Summary);
        Assert.Equal("Home visit, 60 minutes", Assert.Single(sessions).Summary);
        Assert.Equal([ChronologyKind.Goal, ChronologyKind.Triage, ChronologyKind.Referral], ava.Select(e => e.Kind));
        Assert.True(await Query(d => d.AuditEvents.AnyAsync(e => e.Action == AuditAction.Read && e.EntityId == Family.Id.ToString())));

        // There is one chronology: the family record shows exactly these entries.
        var record = await InScope(s => Get<Core.People.FamilyRecordService>(s).ReadAsync(Practitioner, Family.Id));
        Assert.Equal(all.Select(e => (e.Kind, e.ItemId)), record.Chronology.Select(e => (e.Kind, e.ItemId)));
        var timeline = await InScope(s => Get<Chronology>(s).TimelineAsync(Practitioner, Family.Id, ChronologyKind.Referral));
        Assert.Equal(("C-1", 2), (timeline.FamilyReference, timeline.Members.Count));
        Assert.Equal(ChronologyKind.Referral, Assert.Single(timeline.Entries).Kind);
    }
}
