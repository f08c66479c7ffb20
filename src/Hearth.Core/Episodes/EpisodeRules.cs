using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Episodes;

/// <summary>Closing details. Reason and destination are required; they are nullable so a missing one can be named.</summary>
public sealed record ClosureInput(DateOnly ClosedOn, ClosureReason? Reason, ClosureDestination? Destination, bool UnmetNeed);

/// <summary>
/// The guarded transitions of an episode, shared by <see cref="EpisodeService"/> and the journey import so that imported
/// history obeys the same rules as casework. Problems go into the validator; new rows are added to the context.
/// </summary>
internal static class EpisodeRules
{
    public static Episode Open(DbContext db, Referral referral, ProgrammeVersion programme, DateOnly on, string by, string? mode)
    {
        var definition = programme.Definition;
        var first = definition.Phases[0];
        var episode = new Episode
        {
            ServiceId = referral.ServiceId,
            TeamId = referral.TeamId,
            FamilyId = referral.FamilyId,
            ProgrammeVersionId = programme.Id,
            ReferralId = referral.Id,
            Mode = mode,
            OpenedOn = on,
            CurrentPhase = first.Key,
            CurrentPhaseStartedOn = on,
            CurrentPhaseDueOn = DueOn(first, on),
            IsIntensive = definition.LastIntensiveIndex >= 0,
        };
        var phase = new EpisodePhase { EpisodeId = episode.Id, PhaseKey = first.Key, StartedOn = on, StartedBy = by };
        episode.Phases.Add(phase);
        db.Add(episode);
        db.Add(phase);
        referral.EpisodeId = episode.Id;
        return episode;
    }

    public static void RecordAssessmentDecision(Episode episode, ProgrammeDefinition definition, AssessmentDecision decision, DateOnly on, DateOnly today, DateOnly referralReceived, Validator v)
    {
        RequireOpen(episode, v);
        CheckDate(v, "DecidedOn", on, today, referralReceived, episode.OpenedOn, "the episode opened");
        if (episode.AssessmentDecision is not null)
        {
            v.Add("Decision", "The assessment decision has already been recorded");
        }
        if (definition.AssessmentPhase is { } assessment && definition.IndexOf(episode.CurrentPhase) < definition.IndexOf(assessment.Key))
        {
            v.Add("Decision", $"Start the {assessment.Name} before recording its decision");
        }
        if (v.Errors.Count > 0)
        {
            return;
        }
        episode.AssessmentDecision = decision;
        episode.AssessmentDecidedOn = on;
    }

    public static void MoveTo(DbContext db, Episode episode, ICollection<EpisodePhase> phases, ProgrammeDefinition definition, string phaseKey, DateOnly on, string by, DateOnly today, DateOnly referralReceived, Validator v)
    {
        RequireOpen(episode, v);
        var target = definition.Phase(phaseKey);
        if (target is null)
        {
            v.Add("Phase", $"The programme has no phase called {phaseKey}");
            return;
        }
        var from = definition.IndexOf(episode.CurrentPhase);
        var to = definition.IndexOf(phaseKey);
        if (to <= from)
        {
            v.Add("Phase", $"An episode moves forward through its phases: {target.Name} does not come after {definition.Phase(episode.CurrentPhase)?.Name ?? episode.CurrentPhase}");
        }
        CheckDate(v, "Date", on, today, referralReceived, episode.CurrentPhaseStartedOn, "the current phase started");
        if (definition.AssessmentPhase is { } assessment && to > definition.IndexOf(assessment.Key))
        {
            if (episode.AssessmentDecision is null)
            {
                v.Add("Phase", $"Record the {assessment.Name} decision before starting {target.Name}");
            }
            else if (episode.AssessmentDecision == AssessmentDecision.NoFurtherWork)
            {
                v.Add("Phase", "The assessment decided on no further work: close the episode instead");
            }
            else if (episode.AssessmentDecidedOn > on)
            {
                v.Add("Date", $"{target.Name} cannot start before the assessment decision on {episode.AssessmentDecidedOn:d MMMM yyyy}");
            }
        }
        if (v.Errors.Count > 0)
        {
            return;
        }
        var current = phases.Single(p => p.EndedOn is null);
        current.EndedOn = on;
        current.EndedBy = by;
        current.Completed = definition.Phase(current.PhaseKey)?.CompletedByMovingOn ?? false;
        var next = new EpisodePhase { EpisodeId = episode.Id, PhaseKey = target.Key, StartedOn = on, StartedBy = by };
        phases.Add(next);
        db.Add(next);
        episode.CurrentPhase = target.Key;
        episode.CurrentPhaseStartedOn = on;
        episode.CurrentPhaseDueOn = DueOn(target, on);
        episode.IsIntensive = to <= definition.LastIntensiveIndex;
    }

    public static void Close(DbContext db, Episode episode, ICollection<EpisodePhase> phases, IReadOnlyList<Allocation> openAllocations, ProgrammeDefinition definition, ClosureInput input, string by, DateOnly today, DateOnly referralReceived, Validator v)
    {
        RequireOpen(episode, v);
        if (input.Reason is not { } reason)
        {
            v.Add("ClosureReason", "Choose why the episode is closing");
        }
        else if (!definition.ClosureReasons.Contains(reason))
        {
            v.Add("ClosureReason", $"The programme does not close episodes as {ClosureCodes.Code(reason)}");
        }
        if (input.Destination is not { } destination)
        {
            v.Add("ClosureDestination", "Choose where the family goes on closure");
        }
        else if (!definition.Destinations.Contains(destination))
        {
            v.Add("ClosureDestination", $"The programme does not offer the destination {destination}");
        }
        CheckDate(v, "ClosedOn", input.ClosedOn, today, referralReceived, episode.CurrentPhaseStartedOn, "the current phase started");
        if (v.Errors.Count > 0)
        {
            return;
        }
        var current = phases.Single(p => p.EndedOn is null);
        current.EndedOn = input.ClosedOn;
        current.EndedBy = by;
        current.Completed = definition.Phase(current.PhaseKey)?.CompletedByClosureReasons.Contains(input.Reason!.Value) ?? false;
        var assessmentIndex = definition.AssessmentPhase is { } a ? definition.IndexOf(a.Key) : -1;
        var afterAssessmentOnly = assessmentIndex >= 0 && phases.All(p => definition.IndexOf(p.PhaseKey) <= assessmentIndex);
        episode.ClosedOn = input.ClosedOn;
        episode.ClosureReason = input.Reason;
        episode.ClosureDestination = input.Destination;
        episode.UnmetNeed = input.UnmetNeed;
        episode.DfeReasonForClosure = ClosureCodes.ToDfeReasonForClosure(input.Reason!.Value, afterAssessmentOnly);
        episode.IsIntensive = false;
        episode.CurrentPhaseDueOn = null;
        foreach (var allocation in openAllocations)
        {
            allocation.To = input.ClosedOn;
            allocation.EndReason = AllocationEndReason.EpisodeClosed;
        }
        foreach (var months in definition.FollowUpMonths.Distinct().Order())
        {
            db.Add(new FollowUp { EpisodeId = episode.Id, TeamId = episode.TeamId, MonthsAfterClosure = months, DueOn = input.ClosedOn.AddMonths(months) });
        }
    }

    /// <summary>Whether an episode closed on <paramref name="closedOn"/> may be reopened on <paramref name="on"/>.</summary>
    public static bool WithinReopenWindow(DateOnly closedOn, DateOnly on, ProgrammeDefinition definition) =>
        on >= closedOn && on.DayNumber - closedOn.DayNumber <= definition.ReopenWindowDays;

    public static void Reopen(DbContext db, Episode episode, ICollection<EpisodePhase> phases, IReadOnlyList<FollowUp> pendingFollowUps, ProgrammeDefinition definition, DateOnly on, string by, DateOnly today, Validator v)
    {
        if (episode.ClosedOn is not { } closedOn)
        {
            v.Add("Episode", "The episode is open");
            return;
        }
        if (on > today)
        {
            v.Add("Date", "The date must be today or in the past");
        }
        if (!WithinReopenWindow(closedOn, on, definition))
        {
            v.Add("Date", $"The episode closed on {closedOn:d MMMM yyyy}; it can only be reopened within {definition.ReopenWindowDays} days. A new referral opens a new episode");
        }
        if (v.Errors.Count > 0)
        {
            return;
        }
        // The family returns to the phase it left, so the record shows one continuous involvement.
        var last = phases.OrderByDescending(p => p.StartedOn).ThenByDescending(p => definition.IndexOf(p.PhaseKey)).First();
        var phase = definition.Phase(last.PhaseKey)!;
        var reopened = new EpisodePhase { EpisodeId = episode.Id, PhaseKey = phase.Key, StartedOn = on, StartedBy = by };
        phases.Add(reopened);
        db.Add(reopened);
        episode.ClosedOn = null;
        episode.ClosureReason = null;
        episode.ClosureDestination = null;
        episode.UnmetNeed = false;
        episode.DfeReasonForClosure = null;
        episode.CurrentPhase = phase.Key;
        episode.CurrentPhaseStartedOn = on;
        episode.CurrentPhaseDueOn = DueOn(phase, on);
        episode.IsIntensive = definition.IndexOf(phase.Key) <= definition.LastIntensiveIndex;
        episode.ReopenCount++;
        episode.ReopenedOn = on;
        foreach (var f in pendingFollowUps)
        {
            db.Remove(f);
        }
    }

    private static DateOnly? DueOn(PhaseDefinition phase, DateOnly start) => phase.ExpectedMaxDays > 0 ? start.AddDays(phase.ExpectedMaxDays) : null;

    private static void RequireOpen(Episode episode, Validator v)
    {
        if (episode.ClosedOn is not null)
        {
            v.Add("Episode", $"The episode closed on {episode.ClosedOn:d MMMM yyyy}: reopen it first");
        }
    }

    internal static void CheckDate(Validator v, string field, DateOnly on, DateOnly today, DateOnly referralReceived, DateOnly notBefore, string notBeforeWhat)
    {
        if (on > today)
        {
            v.Add(field, "The date must be today or in the past");
        }
        else if (on < referralReceived)
        {
            v.Add(field, $"The date cannot be before the referral was received on {referralReceived:d MMMM yyyy}");
        }
        else if (on < notBefore)
        {
            v.Add(field, $"The date cannot be before {notBeforeWhat} on {notBefore:d MMMM yyyy}");
        }
    }
}
