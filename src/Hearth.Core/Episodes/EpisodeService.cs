using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Episodes;

public sealed record NewOutcomeEvent(Guid PersonId, Guid EpisodeId, OutcomeKind Kind, DateOnly OccurredOn, string? Note);

public sealed record CaseloadRow(Guid EpisodeId, Guid TeamId, Guid FamilyId, string FamilyReference, string Phase, string PhaseName, DateOnly PhaseStartedOn, DateOnly? PhaseDueOn, bool Overdue, bool IsIntensive, IReadOnlyList<string> Workers);

public sealed record EpisodeChild(Guid PersonId, string Name);

/// <summary>Everything the episode page shows: the episode with its phases and allocations, its programme and who it concerns.</summary>
public sealed record EpisodeView(Episode Episode, ProgrammeDefinition Programme, string ServiceName, string FamilyReference, IReadOnlyList<EpisodeChild> Children,
    IReadOnlyDictionary<Guid, string> WorkerNames, IReadOnlyList<FollowUp> FollowUps, IReadOnlyList<OutcomeEvent> Outcomes)
{
    public string PhaseName(string key) => Programme.Phase(key)?.Name ?? key;
}

public sealed record MemberName(Guid Id, string GivenName, string FamilyName)
{
    public string Name => $"{GivenName} {FamilyName}";
}

/// <summary>An episode with its programme, its family's reference and members: what a casework form needs to name people.</summary>
public sealed record EpisodeSummary(Episode Episode, ProgrammeDefinition Programme, string FamilyReference, IReadOnlyList<MemberName> Members);

/// <summary>A family's latest closure in a period; <see cref="Earlier"/> holds its other episodes closed in the same period, newest first.</summary>
public sealed record ClosedEpisode(Guid EpisodeId, Guid FamilyId, string FamilyReference, DateOnly OpenedOn, DateOnly ClosedOn, int DaysOpen, ClosureReason Reason, ClosureDestination Destination, bool UnmetNeed, string DfeReasonForClosure)
{
    public IReadOnlyList<ClosedEpisode> Earlier { get; init; } = [];
}

/// <summary>What a follow-up found; <see cref="Events"/> only when <see cref="Result"/> is <see cref="FollowUpResult.Event"/>.</summary>
public sealed record FollowUpFinding(DateOnly? CheckedOn, FollowUpResult? Result, string? Note, IReadOnlyList<NewOutcomeEvent>? Events = null);

public sealed record FollowUpDue(Guid FollowUpId, Guid EpisodeId, Guid FamilyId, string FamilyReference, int MonthsAfterClosure, DateOnly ClosedOn, DateOnly DueOn, int Version);

/// <summary>
/// Moves episodes through their programme's phases, closes, reopens and follows them up. Practitioners record the
/// casework transitions; closing and reopening are managers' decisions. Each edit takes the version the user read.
/// </summary>
public sealed class EpisodeService(HearthDbContext db)
{
    public async Task<Episode> ReadAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var episode = await db.Set<Episode>().AsNoTracking().InScope(actor).Include(e => e.Phases).Include(e => e.Allocations)
            .SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw NotFound();
        await db.RecordReadAsync(actor, nameof(Episode), episodeId, ct);
        return episode;
    }

    /// <summary>The episode with its programme, children, workers, follow-ups and outcomes. Opening it is an audited read of the family's record.</summary>
    public async Task<EpisodeView> ViewAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        var episode = await ReadAsync(actor, episodeId, ct);
        var programme = await db.Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Id == episode.ProgrammeVersionId, ct);
        var service = await db.Set<Organisation.Service>().AsNoTracking().Where(s => s.Id == episode.ServiceId).Select(s => s.Name).SingleAsync(ct);
        var family = await db.Set<People.Family>().AsNoTracking().Where(f => f.Id == episode.FamilyId).Select(f => f.Reference).SingleAsync(ct);
        var children = await db.Set<ReferralChild>().AsNoTracking()
            .Where(c => db.Set<Referral>().Any(r => r.Id == c.ReferralId && r.EpisodeId == episodeId))
            .Join(db.Set<People.Person>(), c => c.PersonId, p => p.Id, (c, p) => new { p.Id, p.GivenName, p.FamilyName })
            .Distinct().ToListAsync(ct);
        var workerIds = episode.Allocations.Select(a => a.WorkerId).Distinct().ToList();
        var workers = await db.Set<Organisation.Worker>().AsNoTracking().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var outcomes = await db.Set<OutcomeEvent>().AsNoTracking().InScope(actor).Where(o => o.EpisodeId == episodeId).OrderBy(o => o.OccurredOn).ToListAsync(ct);
        var followUps = await FollowUpsAsync(actor, episodeId, ct);
        await db.RecordReadAsync(actor, nameof(People.Family), episode.FamilyId, ct);
        return new EpisodeView(episode, programme.Definition, service, family,
            children.OrderBy(c => c.GivenName).Select(c => new EpisodeChild(c.Id, $"{c.GivenName} {c.FamilyName}")).ToList(), workers, followUps, outcomes);
    }

    /// <summary>The episode with its family's reference and members, for forms that name people. An audited read of the family.</summary>
    public async Task<EpisodeSummary> SummaryAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        var (episode, programme) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        var reference = await db.Set<People.Family>().Where(f => f.Id == episode.FamilyId).Select(f => f.Reference).SingleAsync(ct);
        var ids = await db.FamilyMemberIdsAsync(episode.FamilyId, ct);
        var members = await db.Set<People.Person>().Where(p => ids.Contains(p.Id)).OrderBy(p => p.DateOfBirth).ThenBy(p => p.GivenName)
            .Select(p => new MemberName(p.Id, p.KnownAs ?? p.GivenName, p.FamilyName)).ToListAsync(ct);
        await db.RecordReadAsync(actor, nameof(People.Family), episode.FamilyId, ct);
        return new EpisodeSummary(episode, programme, reference, members);
    }

    public async Task<Episode> RecordAssessmentDecisionAsync(ActorContext actor, Guid episodeId, int version, AssessmentDecision decision, DateOnly decidedOn, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, definition, received) = await LoadAsync(actor, episodeId, version, ct);
        var v = new Validator();
        EpisodeRules.RecordAssessmentDecision(episode, definition, decision, decidedOn, db.Today(), received, v);
        v.ThrowIfAny();
        await db.SaveChangesAsync(actor, ct);
        return episode;
    }

    public async Task<Episode> MoveToPhaseAsync(ActorContext actor, Guid episodeId, int version, string phaseKey, DateOnly on, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, definition, received) = await LoadAsync(actor, episodeId, version, ct);
        var v = new Validator();
        EpisodeRules.MoveTo(db, episode, episode.Phases, definition, phaseKey, on, actor.Name, db.Today(), received, v);
        v.ThrowIfAny();
        await db.SaveChangesAsync(actor, ct);
        return episode;
    }

    public async Task<Episode> CloseAsync(ActorContext actor, Guid episodeId, int version, ClosureInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var (episode, definition, received) = await LoadAsync(actor, episodeId, version, ct);
        var v = new Validator();
        EpisodeRules.Close(db, episode, episode.Phases, episode.Allocations.Where(a => a.To == null).ToList(), definition, input, actor.Name, db.Today(), received, v);
        v.ThrowIfAny();
        await db.SaveChangesAsync(actor, ct);
        return episode;
    }

    /// <summary>Reopens a closed episode within the programme's window; after it, a new referral opens a new episode.</summary>
    public async Task<Episode> ReopenAsync(ActorContext actor, Guid episodeId, int version, DateOnly on, string reason, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException("Reason", "Enter why the episode is being reopened");
        }
        var (episode, definition, _) = await LoadAsync(actor, episodeId, version, ct);
        var pending = await db.Set<FollowUp>().Where(f => f.EpisodeId == episodeId && f.CompletedOn == null).ToListAsync(ct);
        var v = new Validator();
        EpisodeRules.Reopen(db, episode, episode.Phases, pending, definition, on, actor.Name, db.Today(), v);
        v.ThrowIfAny();
        await db.SaveChangesAsync(actor.WithReason(reason), ct);
        return episode;
    }

    /// <summary>
    /// Open episodes of a team, or of one worker ("my caseload") when <paramref name="workerId"/> is given, with their
    /// current phase, whether it is overdue and who is allocated.
    /// </summary>
    public async Task<IReadOnlyList<CaseloadRow>> CaseloadAsync(ActorContext actor, Guid? teamId, Guid? workerId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var q = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => e.ClosedOn == null);
        if (teamId is { } team)
        {
            q = q.Where(e => e.TeamId == team);
        }
        if (workerId is { } worker)
        {
            q = q.Where(e => Caseloads.EpisodesHeldBy(db, worker).Contains(e.Id));
        }
        var rows = await q
            .Join(db.Set<People.Family>(), e => e.FamilyId, f => f.Id, (e, f) => new { e, f.Reference })
            .OrderBy(x => x.e.CurrentPhaseDueOn == null).ThenBy(x => x.e.CurrentPhaseDueOn).ThenBy(x => x.Reference)
            .Select(x => new
            {
                x.e.Id, x.e.TeamId, x.e.FamilyId, x.Reference, x.e.CurrentPhase, x.e.CurrentPhaseStartedOn, x.e.CurrentPhaseDueOn, x.e.IsIntensive, x.e.ProgrammeVersionId,
                Workers = db.Set<Allocation>().Where(a => a.EpisodeId == x.e.Id && a.To == null)
                    .Join(db.Set<Organisation.Worker>(), a => a.WorkerId, w => w.Id, (a, w) => w.Name).ToList(),
            })
            .ToListAsync(ct);
        // Phases are shown by their programme's name for them ("Intensive support"), not their key ("phase1").
        var versionIds = rows.Select(r => r.ProgrammeVersionId).Distinct().ToList();
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => versionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Definition, ct);
        return rows.Select(r => new CaseloadRow(r.Id, r.TeamId, r.FamilyId, r.Reference, r.CurrentPhase,
            programmes.GetValueOrDefault(r.ProgrammeVersionId)?.Phase(r.CurrentPhase)?.Name ?? r.CurrentPhase, r.CurrentPhaseStartedOn, r.CurrentPhaseDueOn,
            r.CurrentPhaseDueOn < asOf, r.IsIntensive, r.Workers)).ToList();
    }

    /// <summary>The signed-in user's own caseload: the open episodes allocated to their staff record.</summary>
    public async Task<IReadOnlyList<CaseloadRow>> MyCaseloadAsync(ActorContext actor, DateOnly asOf, CancellationToken ct = default)
    {
        var workerId = actor.UserId is { } user
            ? await db.Users.Where(u => u.Id == user).Select(u => u.WorkerId).SingleOrDefaultAsync(ct)
            : null;
        return workerId is null ? [] : await CaseloadAsync(actor, null, workerId, asOf, ct);
    }

    public async Task<OutcomeEvent> RecordOutcomeAsync(ActorContext actor, NewOutcomeEvent input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var episode = await db.Set<Episode>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(e => e.Id == input.EpisodeId, ct) ?? throw NotFound();
        var v = new Validator();
        var e = await AddOutcomeAsync(episode, input, v, ct);
        v.ThrowIfAny();
        await db.SaveChangesAsync(actor, ct);
        return e!;
    }

    /// <summary>Checks an outcome event and, when it is valid, adds it to the context without saving.</summary>
    private async Task<OutcomeEvent?> AddOutcomeAsync(Episode episode, NewOutcomeEvent input, Validator v, CancellationToken ct)
    {
        var before = v.Errors.Count;
        var concerned = await db.Set<ReferralChild>().AnyAsync(c => c.PersonId == input.PersonId
            && db.Set<Referral>().Any(r => r.Id == c.ReferralId && r.EpisodeId == episode.Id), ct);
        if (!concerned)
        {
            v.Add("PersonId", "Choose a child the episode's referrals concern");
        }
        if (!Enum.IsDefined(input.Kind))
        {
            v.Add("Kind", "Choose what happened");
        }
        if (input.OccurredOn > db.Today())
        {
            v.Add("OccurredOn", "The date must be today or in the past");
        }
        if (input.OccurredOn < episode.OpenedOn)
        {
            v.Add("OccurredOn", $"The date cannot be before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
        }
        v.MaxLength("Note", input.Note, 2000, "Note");
        if (v.Errors.Count > before)
        {
            return null;
        }
        var e = new OutcomeEvent { PersonId = input.PersonId, EpisodeId = episode.Id, TeamId = episode.TeamId, Kind = input.Kind, OccurredOn = input.OccurredOn, Note = input.Note?.Trim() };
        db.Add(e);
        return e;
    }

    /// <summary>Follow-up points (6, 12, 24 months after closure) due on or before <paramref name="asOf"/> and not yet done.</summary>
    public async Task<IReadOnlyList<FollowUpDue>> FollowUpsDueAsync(ActorContext actor, Guid teamId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var rows = await (
            from f in db.Set<FollowUp>().AsNoTracking().InScope(actor)
            where f.TeamId == teamId && f.CompletedOn == null && f.DueOn <= asOf
            join e in db.Set<Episode>() on f.EpisodeId equals e.Id
            join fam in db.Set<People.Family>() on e.FamilyId equals fam.Id
            orderby f.DueOn, fam.Reference
            select new { f.Id, EpisodeId = e.Id, FamilyId = fam.Id, fam.Reference, f.MonthsAfterClosure, e.ClosedOn, f.DueOn, f.Version })
            .ToListAsync(ct);
        // A reopened episode's follow-ups were removed, so every row here has a closure date.
        return rows.Select(r => new FollowUpDue(r.Id, r.EpisodeId, r.FamilyId, r.Reference, r.MonthsAfterClosure, r.ClosedOn ?? r.DueOn, r.DueOn, r.Version)).ToList();
    }

    /// <summary>Every follow-up point of one episode, done or not, for the episode page.</summary>
    public async Task<IReadOnlyList<FollowUp>> FollowUpsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var followUps = await db.Set<FollowUp>().AsNoTracking().InScope(actor).Where(f => f.EpisodeId == episodeId)
            .OrderBy(f => f.MonthsAfterClosure).ToListAsync(ct);
        await db.RecordReadAsync(actor, nameof(Episode), episodeId, ct);
        return followUps;
    }

    /// <summary>
    /// Episodes of a team closed between two dates, one row per family (a family re-referred and closed again within the
    /// period has two episodes, which listed one per row showed the family twice): its latest closure, newest first,
    /// with the closure reason, destination and DfE code, and its earlier closures in the period beside it.
    /// </summary>
    public async Task<IReadOnlyList<ClosedEpisode>> ClosuresAsync(ActorContext actor, Guid teamId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var rows = await db.Set<Episode>().AsNoTracking().InScope(actor)
            .Where(e => e.TeamId == teamId && e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to)
            .Join(db.Set<People.Family>(), e => e.FamilyId, f => f.Id, (e, f) => new { e, f.Reference })
            .OrderByDescending(x => x.e.ClosedOn).ThenBy(x => x.Reference)
            .Select(x => new { x.e.Id, x.e.FamilyId, x.Reference, x.e.OpenedOn, ClosedOn = x.e.ClosedOn!.Value, Reason = x.e.ClosureReason!.Value, x.e.ClosureDestination, x.e.UnmetNeed, x.e.DfeReasonForClosure })
            .ToListAsync(ct);
        var closed = rows.Select(r => new ClosedEpisode(r.Id, r.FamilyId, r.Reference, r.OpenedOn, r.ClosedOn, r.ClosedOn.DayNumber - r.OpenedOn.DayNumber, r.Reason,
            r.ClosureDestination ?? ClosureCodes.DefaultDestination(r.Reason), r.UnmetNeed, r.DfeReasonForClosure ?? "")).ToList();
        // Rows are newest first, so each family's first row is its latest closure.
        return closed.GroupBy(c => c.FamilyId).Select(g => g.First() with { Earlier = g.Skip(1).ToList() }).ToList();
    }

    /// <summary>
    /// Records what a follow-up found: checked with no event, checked with the events found (a child re-referred, on a
    /// child protection plan, entered care), or could not check. The events are saved as outcome events in the same
    /// transaction, or nothing is saved. A follow-up that could not check may be recorded again once someone has checked.
    /// </summary>
    public async Task<FollowUp> RecordFollowUpAsync(ActorContext actor, Guid followUpId, int version, FollowUpFinding finding, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var f = await db.Set<FollowUp>().InScope(actor).SingleOrDefaultAsync(x => x.Id == followUpId, ct) ?? throw NotFound();
        var episode = await db.Set<Episode>().AsNoTracking().SingleAsync(e => e.Id == f.EpisodeId, ct);
        var v = new Validator();
        if (f.CompletedOn is { } done && f.Result != FollowUpResult.CouldNotCheck)
        {
            v.Add("Result", $"The follow-up was already recorded on {done:d MMMM yyyy}");
        }
        if (finding.Result is not { } result || !Enum.IsDefined(result))
        {
            v.Add("Result", "Say whether the follow-up was checked and what it found");
        }
        if (finding.CheckedOn is not { } on)
        {
            v.Add("CheckedOn", "Enter the date of the follow-up");
        }
        else if (on > db.Today())
        {
            v.Add("CheckedOn", "The date of the follow-up must be today or in the past");
        }
        else if (on < f.DueOn)
        {
            // An early check does not cover the whole window, so it cannot answer for it.
            v.Add("CheckedOn", $"The {f.MonthsAfterClosure}-month follow-up is due on {f.DueOn:d MMMM yyyy}: the date of the follow-up cannot be before that");
        }
        v.MaxLength("Note", finding.Note, 2000, "Note");
        var events = finding.Events ?? [];
        if (finding.Result == FollowUpResult.Event && events.Count == 0)
        {
            v.Add("Kind", "Choose which event happened");
        }
        if (finding.Result is FollowUpResult.NoEvent or FollowUpResult.CouldNotCheck && events.Count > 0)
        {
            v.Add("Result", "Only a follow-up that found an event records one");
        }
        foreach (var o in events)
        {
            if (!OutcomeKinds.AfterClosureEvents.Contains(o.Kind))
            {
                v.Add("Kind", "Choose a re-referral, a child protection plan or entry to care");
                continue;
            }
            if (episode.ClosedOn is { } closed && o.OccurredOn < closed)
            {
                v.Add("OccurredOn", $"The date of the event cannot be before the episode closed on {closed:d MMMM yyyy}");
                continue;
            }
            if (finding.CheckedOn is { } checkedOn && o.OccurredOn > checkedOn)
            {
                v.Add("OccurredOn", "The date of the event cannot be after the date of the follow-up");
                continue;
            }
            await AddOutcomeAsync(episode, o with { EpisodeId = episode.Id }, v, ct);
        }
        v.ThrowIfAny();
        f.Version = version;
        f.CompletedOn = finding.CheckedOn;
        f.CompletedBy = actor.Name;
        f.Result = finding.Result;
        f.Note = CleanNote(finding.Note);
        await db.SaveChangesAsync(actor, ct);
        return f;
    }

    private static string? CleanNote(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    private async Task<(Episode Episode, ProgrammeDefinition Definition, DateOnly Received)> LoadAsync(ActorContext actor, Guid episodeId, int version, CancellationToken ct)
    {
        var episode = await db.Set<Episode>().InScope(actor).Include(e => e.Phases).Include(e => e.Allocations)
            .SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw NotFound();
        // The version the user read: a stale one makes the save fail with a concurrency conflict.
        episode.Version = version;
        var programme = await db.Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Id == episode.ProgrammeVersionId, ct);
        var received = await db.Set<Referral>().Where(r => r.EpisodeId == episode.Id).MinAsync(r => (DateOnly?)r.ReceivedOn, ct) ?? episode.OpenedOn;
        return (episode, programme.Definition, received);
    }

    private static AccessDeniedException NotFound() => new("That episode does not exist or is not in your teams.");
}
