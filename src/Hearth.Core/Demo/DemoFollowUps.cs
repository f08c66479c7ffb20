using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

/// <summary>
/// Follow-ups of the demo's closed episodes that are due by today, recorded as a team would: most checked with no
/// event, some checked with an event for one child (saved as its outcome event), some that could not check, and some
/// still not done (those due in the last year; older ones were closed off as not checked), so the outcomes report shows
/// known, event and unknown children side by side. Seeded, so every demo database holds the same results; the dates
/// keep the rules the follow-up page enforces.
/// </summary>
internal static class DemoFollowUps
{
    public static async Task SeedAsync(HearthDbContext db, ActorContext actor, int seed, DateOnly today, CancellationToken ct)
    {
        var random = new Random(seed);
        var due = await db.Set<FollowUp>().Where(f => f.CompletedOn == null && f.DueOn <= today)
            .Join(db.Set<Episode>(), f => f.EpisodeId, e => e.Id, (f, e) => new { FollowUp = f, Closed = e.ClosedOn })
            .OrderBy(x => x.FollowUp.DueOn).ThenBy(x => x.FollowUp.Id).ToListAsync(ct);
        var episodeIds = due.Select(x => x.FollowUp.EpisodeId).Distinct().ToList();
        var children = (await db.Set<ReferralChild>().Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.EpisodeId })
                .Where(x => x.EpisodeId != null && episodeIds.Contains(x.EpisodeId.Value)).Distinct().ToListAsync(ct))
            .ToLookup(x => x.EpisodeId!.Value, x => x.PersonId);
        foreach (var (f, closed) in due.Select(x => (x.FollowUp, x.Closed)))
        {
            var roll = random.NextDouble();
            if (closed is not { } closedOn)
            {
                continue;
            }
            if (roll >= 0.85)
            {
                // Not done: the child stays unknown for that window. A team does not leave one open for years, so one
                // due more than a year ago was closed off as not checked (still unknown; it can be recorded later),
                // and only the last year's wait on the due lists. No random draw, so the other results stay the same.
                if (f.DueOn < today.AddYears(-1))
                {
                    f.CompletedOn = f.DueOn.AddDays(28);
                    f.CompletedBy = "Sam Practitioner";
                    f.Result = FollowUpResult.CouldNotCheck;
                    f.Note = "Not checked within the window";
                }
                continue;
            }
            var checkedOn = f.DueOn.AddDays(random.Next(0, 21));
            checkedOn = checkedOn > today ? today : checkedOn;
            var kids = children[f.EpisodeId].Order().ToList();
            FollowUpResult result = roll < 0.62 || kids.Count == 0 ? FollowUpResult.NoEvent : roll < 0.75 ? FollowUpResult.Event : FollowUpResult.CouldNotCheck;
            if (result == FollowUpResult.Event)
            {
                var span = Math.Max(1, checkedOn.DayNumber - closedOn.DayNumber);
                db.Add(new OutcomeEvent
                {
                    PersonId = kids[random.Next(kids.Count)], EpisodeId = f.EpisodeId, TeamId = f.TeamId,
                    Kind = OutcomeKinds.AfterClosureEvents[random.Next(OutcomeKinds.AfterClosureEvents.Count)],
                    OccurredOn = closedOn.AddDays(random.Next(1, span)), Note = "Found at the follow-up",
                });
            }
            f.CompletedOn = checkedOn;
            f.CompletedBy = "Sam Practitioner";
            f.Result = result;
            f.Note = result == FollowUpResult.CouldNotCheck ? "Family moved; no records to check" : null;
        }
        await db.SaveChangesAsync(actor, ct);
    }
}
