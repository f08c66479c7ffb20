using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

public sealed record NewReferral(
    Guid TeamId,
    Guid FamilyId,
    IReadOnlyList<Guid> ChildIds,
    DateOnly ReceivedOn,
    TimeOnly? ReceivedAt,
    ReferralChannel Channel,
    string Source,
    string? ReferrerAgency,
    string? ReferrerName,
    string? ReferrerContact,
    IReadOnlyList<string> PresentingNeeds,
    bool ConsentToShare,
    SharingBasis SharingBasis,
    IReadOnlyDictionary<string, bool>? EligibilityAnswers = null,
    string? Reference = null);

/// <summary>A triage decision. Reason is required for inappropriate and waiting list; ReferredOnTo for referred on.</summary>
public sealed record TriageDecision(TriageOutcome Outcome, DateOnly DecidedOn, string? Reason = null, string? ReferredOnTo = null, WaitingPriority? Priority = null, string? Mode = null);

/// <summary>The sections of a referral, one question page each, that <see cref="ReferralService.CheckSectionAsync(ActorContext, ReferralSection, NewReferral, CancellationToken)"/> checks on their own.</summary>
public enum ReferralSection
{
    /// <summary>The family and the children the referral concerns.</summary>
    Children,
    /// <summary>When and how it arrived, its source, the referrer and its reference.</summary>
    Details,
    /// <summary>Presenting needs and the programme's eligibility questions.</summary>
    Needs,
    /// <summary>Consent to share and the lawful basis for sharing.</summary>
    Consent,
}

/// <summary>A member of the family, as a choice on the referral's children page.</summary>
public sealed record IntakeMember(Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth, Relationship Relationship);

/// <summary>What the referral question pages need of the family: its reference, team, members and the programme in effect today.</summary>
public sealed record ReferralIntake(Guid FamilyId, string FamilyReference, Guid TeamId, IReadOnlyList<IntakeMember> Members, ProgrammeDefinition? Programme);

public sealed record EarlierReferral(Guid ReferralId, string? Reference, DateOnly ReceivedOn, ReferralStatus Status);

public sealed record WaitingListRow(Guid EntryId, Guid ReferralId, string? ReferralReference, Guid FamilyId, string FamilyReference, DateOnly Since, WaitingPriority Priority, string Reason, int Position, int DaysWaited, int Version, Guid TeamId);

public sealed record PanelReferral(Guid ReferralId, Guid TeamId, string FamilyReference, DateOnly ReceivedOn, ReferralStatus Status, Guid? EpisodeId, WaitingPriority? Priority, DateOnly? WaitingSince);

public sealed record PanelTeam(Guid TeamId, string TeamName, int FreeCapacity, IReadOnlyList<WorkerLoad> Workers, IReadOnlyList<PanelReferral> Referrals);

/// <summary>Referral intake, triage, waiting lists and the resource panel.</summary>
public sealed class ReferralService(HearthDbContext db, ProgrammeService programmes, AllocationService allocations)
{
    /// <summary>
    /// Starts adding a referral for a family: what the question pages need (the family's reference and team, its members
    /// as choices, the programme in effect today), read in a few small queries rather than the whole family record, and
    /// one "read family" audit event for the whole journey. The pages that follow call <see cref="ResumeIntakeAsync"/>.
    /// </summary>
    public async Task<ReferralIntake> StartIntakeAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        var intake = await ResumeIntakeAsync(actor, familyId, ct);
        await db.RecordReadAsync(actor, nameof(Family), familyId, ct);
        return intake;
    }

    /// <summary>
    /// The same as <see cref="StartIntakeAsync"/> for the later pages of a journey already started (and audited) by it:
    /// the same scope checks, no further audit event.
    /// </summary>
    public async Task<ReferralIntake> ResumeIntakeAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).Where(f => f.Id == familyId)
            .Select(f => new { f.Id, f.Reference, f.TeamId }).SingleOrDefaultAsync(ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var members = await db.Set<FamilyMembership>().AsNoTracking()
            .Where(m => m.FamilyId == familyId && m.Person!.MergedIntoId == null)
            .OrderBy(m => m.Person!.DateOfBirth).ThenBy(m => m.Person!.GivenName)
            .Select(m => new IntakeMember(m.PersonId, m.Person!.GivenName, m.Person.FamilyName, m.Person.DateOfBirth, m.Relationship))
            .ToListAsync(ct);
        var code = await db.Set<Team>().AsNoTracking().Where(t => t.Id == family.TeamId).Select(t => t.Service!.ProgrammeCode).SingleOrDefaultAsync(ct);
        var programme = code is null ? null : (await programmes.InEffectAsync(code, db.Today(), ct))?.Definition;
        return new ReferralIntake(family.Id, family.Reference, family.TeamId, members, programme);
    }

    /// <summary>
    /// The problems with one section of a referral (one question page), without saving it, reading only what that
    /// section's rules need: the rules are those <see cref="RecordAsync"/> applies, so a page and the save agree.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CheckSectionAsync(ActorContext actor, ReferralSection section, NewReferral input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var v = new Validator();
        await CheckSectionAsync(actor, section, input, v, ct);
        return v.Errors;
    }

    /// <summary>Every problem with a referral, without saving it: a form can show them together with its own.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(ActorContext actor, NewReferral input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        return (await ValidateAsync(actor, input, ct)).Validator.Errors;
    }

    public async Task<Referral> RecordAsync(ActorContext actor, NewReferral input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (v, team, children, reference) = await ValidateAsync(actor, input, ct);
        v.ThrowIfAny();

        var referral = new Referral
        {
            Reference = reference,
            ServiceId = team!.ServiceId,
            TeamId = team.Id,
            FamilyId = input.FamilyId,
            ReceivedOn = input.ReceivedOn,
            ReceivedAt = input.ReceivedAt,
            Channel = input.Channel,
            Source = input.Source.Trim().ToUpperInvariant(),
            ReferrerAgency = input.ReferrerAgency?.Trim(),
            ReferrerName = input.ReferrerName?.Trim(),
            ReferrerContact = input.ReferrerContact?.Trim(),
            PresentingNeeds = input.PresentingNeeds.Distinct().ToList(),
            ConsentToShare = input.ConsentToShare,
            SharingBasis = input.SharingBasis,
            EligibilityAnswersJson = input.EligibilityAnswers is null ? null : JsonSerializer.Serialize(input.EligibilityAnswers),
            Status = ReferralStatus.Received,
        };
        db.Add(referral);
        foreach (var child in children)
        {
            db.Add(new ReferralChild { ReferralId = referral.Id, PersonId = child });
        }
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        await db.SaveChangesAsync(actor, ct);
        await ReReferrals.RecomputeAsync(db, children, ct);
        await db.SaveChangesAsync(actor, ct);
        await tx.CommitAsync(ct);
        return referral;
    }

    private async Task<(Validator Validator, Team? Team, List<Guid> Children, string? Reference)> ValidateAsync(ActorContext actor, NewReferral input, CancellationToken ct)
    {
        var v = new Validator();
        var team = await db.Set<Team>().AsNoTracking().Include(t => t.Service).SingleOrDefaultAsync(t => t.Id == input.TeamId, ct);
        if (team is null || !actor.CanSeeTeam(team.Id))
        {
            v.Add("TeamId", "Choose one of your teams");
        }
        else if (Organisation.OrganisationService.ClosedReason(team, team.Service!) is { } closed)
        {
            v.Add("TeamId", closed);
        }
        // Consent before needs, so that the errors read in the order the fields were always listed.
        foreach (var section in (ReferralSection[])[ReferralSection.Children, ReferralSection.Details, ReferralSection.Consent, ReferralSection.Needs])
        {
            await CheckSectionAsync(actor, section, input, v, ct);
        }
        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (team?.Service is { } service)
        {
            if (service.ProgrammeCode is null || await programmes.InEffectAsync(service.ProgrammeCode, input.ReceivedOn, ct) is null)
            {
                v.Add("TeamId", $"{service.Name} has no programme in effect on {input.ReceivedOn:yyyy-MM-dd}");
            }
            if (reference is not null && await db.Set<Referral>().AnyAsync(r => r.ServiceId == service.Id && r.Reference == reference, ct))
            {
                v.Add("Reference", $"{service.Name} already has a referral with reference {reference}");
            }
        }
        return (v, team, input.ChildIds.Distinct().ToList(), reference);
    }

    /// <summary>One section's rules, each reading only what it needs (a count, a row or two, never the family record).</summary>
    private async Task CheckSectionAsync(ActorContext actor, ReferralSection section, NewReferral input, Validator v, CancellationToken ct)
    {
        switch (section)
        {
            case ReferralSection.Children:
                var inScope = await db.Set<Family>().AsNoTracking().InScope(actor).AnyAsync(f => f.Id == input.FamilyId, ct);
                if (!inScope)
                {
                    v.Add("FamilyId", "Choose a family in your teams");
                }
                var children = input.ChildIds.Distinct().ToList();
                if (children.Count == 0)
                {
                    v.Add("ChildIds", "Choose the children the referral concerns");
                }
                else if (inScope)
                {
                    var members = await db.Set<Person>().Where(p => children.Contains(p.Id) && p.MergedIntoId == null
                        && (p.FamilyId == input.FamilyId || db.Set<FamilyMembership>().Any(m => m.PersonId == p.Id && m.FamilyId == input.FamilyId))).CountAsync(ct);
                    if (members != children.Count)
                    {
                        v.Add("ChildIds", "Every child must be a member of the family");
                    }
                }
                break;
            case ReferralSection.Details:
                if (input.ReceivedOn > db.Today())
                {
                    v.Add("ReceivedOn", "The date received must be today or in the past");
                }
                if (!ReferralSources.IsValid(input.Source))
                {
                    v.Add("Source", "Choose the referral source (a DfE code from 1A to 10)");
                }
                v.MaxLength("ReferrerAgency", input.ReferrerAgency, 200, "Referrer's agency")
                    .MaxLength("ReferrerName", input.ReferrerName, 200, "Referrer's name")
                    .MaxLength("ReferrerContact", input.ReferrerContact, 200, "Referrer's contact details")
                    .MaxLength("Reference", input.Reference, 100, "Referral reference");
                break;
            case ReferralSection.Needs:
                // The programme the referral's team's service has in effect on the date received (the save refuses a
                // service with none, naming the team).
                var code = await db.Set<Team>().AsNoTracking().Where(t => t.Id == input.TeamId).Select(t => t.Service!.ProgrammeCode).SingleOrDefaultAsync(ct);
                if (code is not null && await programmes.InEffectAsync(code, input.ReceivedOn, ct) is { Definition: var definition })
                {
                    foreach (var need in input.PresentingNeeds.Where(n => definition.PresentingNeeds.All(p => p.Key != n)))
                    {
                        v.Add("PresentingNeeds", $"\"{need}\" is not one of the programme's presenting needs");
                    }
                    var answers = input.EligibilityAnswers ?? new Dictionary<string, bool>();
                    foreach (var q in definition.Eligibility.Where(q => !answers.ContainsKey(q.Key)))
                    {
                        v.Add($"Eligibility.{q.Key}", $"Answer: {q.Question}");
                    }
                }
                break;
            case ReferralSection.Consent:
                if (!input.ConsentToShare && input.SharingBasis == SharingBasis.Consent)
                {
                    v.Add("SharingBasis", "Without consent to share, choose the lawful basis for sharing");
                }
                break;
        }
    }

    /// <summary>One referral of the actor's teams, with the children it concerns, for the triage and confirmation pages.</summary>
    public async Task<Referral> ReadAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        return await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children)
            .SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw NotFound();
    }

    /// <summary>One entry still on a waiting list of the actor's teams.</summary>
    public async Task<WaitingListRow> ReadWaitingEntryAsync(ActorContext actor, Guid entryId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var teamId = await db.Set<WaitingListEntry>().AsNoTracking().InScope(actor).Where(w => w.Id == entryId && w.RemovedOn == null)
            .Select(w => (Guid?)w.TeamId).SingleOrDefaultAsync(ct)
            ?? throw new AccessDeniedException("That waiting list entry does not exist or is not in your teams.");
        return (await WaitingListAsync(actor, teamId, asOf, ct)).Single(w => w.EntryId == entryId);
    }

    /// <summary>Earlier referrals of the same children to the same service within the re-referral window.</summary>
    public async Task<IReadOnlyList<EarlierReferral>> EarlierReferralsAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var referral = await db.Set<Referral>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw NotFound();
        var from = ReReferralRule.WindowStart(referral.ReceivedOn);
        var children = db.Set<ReferralChild>().Where(c => c.ReferralId == referralId).Select(c => c.PersonId);
        return await db.Set<Referral>().AsNoTracking().InScope(actor)
            .Where(r => r.ServiceId == referral.ServiceId && r.Id != referral.Id && r.ReceivedOn >= from && r.ReceivedOn < referral.ReceivedOn
                && db.Set<ReferralChild>().Any(c => c.ReferralId == r.Id && children.Contains(c.PersonId)))
            .OrderByDescending(r => r.ReceivedOn)
            .Select(r => new EarlierReferral(r.Id, r.Reference, r.ReceivedOn, r.Status))
            .ToListAsync(ct);
    }

    /// <summary>
    /// Records a triage decision. Accepting opens an episode, or reopens the family's last episode with the service
    /// when it closed within the programme's reopen window, or joins the family's open episode.
    /// </summary>
    public async Task<Referral> TriageAsync(ActorContext actor, Guid referralId, int version, TriageDecision decision, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var referral = await db.Set<Referral>().InScope(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw NotFound();
        referral.Version = version;
        var v = new Validator();
        if (referral.Status is not (ReferralStatus.Received or ReferralStatus.WaitingList))
        {
            v.Add("Outcome", $"The referral has already been decided ({referral.Status})");
        }
        if (referral.Status == ReferralStatus.WaitingList && decision.Outcome == TriageOutcome.WaitingList)
        {
            v.Add("Outcome", "The referral is already on the waiting list");
        }
        if (decision.DecidedOn > db.Today())
        {
            v.Add("DecidedOn", "The decision date must be today or in the past");
        }
        else if (decision.DecidedOn < referral.ReceivedOn)
        {
            v.Add("DecidedOn", $"The decision date cannot be before the referral was received on {referral.ReceivedOn:yyyy-MM-dd}");
        }
        switch (decision.Outcome)
        {
            case TriageOutcome.Inappropriate when string.IsNullOrWhiteSpace(decision.Reason):
                v.Add("Reason", "Enter why the referral is inappropriate");
                break;
            case TriageOutcome.ReferredOn when string.IsNullOrWhiteSpace(decision.ReferredOnTo):
                v.Add("ReferredOnTo", "Enter the service the referral was passed to");
                break;
            case TriageOutcome.WaitingList:
                if (decision.Priority is null || !Enum.IsDefined(decision.Priority.Value))
                {
                    v.Add("Priority", "Choose the priority on the waiting list");
                }
                if (string.IsNullOrWhiteSpace(decision.Reason))
                {
                    v.Add("Reason", "Enter why the referral is waiting");
                }
                break;
        }
        v.MaxLength("Reason", decision.Reason, 2000, "Reason").MaxLength("ReferredOnTo", decision.ReferredOnTo, 200, "Service referred on to");
        ProgrammeVersion? programme = null;
        if (decision.Outcome == TriageOutcome.Accepted)
        {
            var code = await db.Set<Service>().Where(s => s.Id == referral.ServiceId).Select(s => s.ProgrammeCode).SingleAsync(ct);
            programme = code is null ? null : await programmes.InEffectAsync(code, decision.DecidedOn, ct);
            if (programme is null)
            {
                v.Add("Outcome", "The service has no programme in effect on the decision date");
            }
            else if (decision.Mode is not null && !programme.Definition.Modes.Contains(decision.Mode))
            {
                v.Add("Mode", $"Choose one of: {string.Join(", ", programme.Definition.Modes)}");
            }
        }
        v.ThrowIfAny();

        var waiting = await db.Set<WaitingListEntry>().SingleOrDefaultAsync(w => w.ReferralId == referral.Id && w.RemovedOn == null, ct);
        if (waiting is not null)
        {
            waiting.RemovedOn = decision.DecidedOn;
            waiting.Outcome = TriageRules.LeavesWaitingListAs(decision.Outcome);
        }
        TriageRules.Decide(referral, decision.Outcome, decision.DecidedOn, actor, decision.Reason, decision.ReferredOnTo);
        if (decision.Outcome == TriageOutcome.WaitingList)
        {
            var last = await db.Set<WaitingListEntry>().Where(w => w.TeamId == referral.TeamId && w.RemovedOn == null).MaxAsync(w => (int?)w.Position, ct) ?? 0;
            db.Add(new WaitingListEntry
            {
                ReferralId = referral.Id, TeamId = referral.TeamId, Since = decision.DecidedOn,
                Priority = decision.Priority!.Value, Reason = decision.Reason!.Trim(), Position = last + 1,
            });
        }
        if (decision.Outcome == TriageOutcome.Accepted)
        {
            await AcceptIntoEpisodeAsync(referral, programme!, decision.DecidedOn, actor.Name, decision.Mode, ct);
        }
        await db.SaveChangesAsync(actor, ct);
        return referral;
    }

    private async Task AcceptIntoEpisodeAsync(Referral referral, ProgrammeVersion programme, DateOnly on, string by, string? mode, CancellationToken ct)
    {
        var latest = await db.Set<Episode>().Include(e => e.Phases)
            .Where(e => e.FamilyId == referral.FamilyId && e.ServiceId == referral.ServiceId)
            .OrderByDescending(e => e.OpenedOn).FirstOrDefaultAsync(ct);
        if (latest is { ClosedOn: null })
        {
            referral.EpisodeId = latest.Id;
            return;
        }
        if (latest is { ClosedOn: { } closedOn })
        {
            var latestProgramme = await db.Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Id == latest.ProgrammeVersionId, ct);
            if (EpisodeRules.WithinReopenWindow(closedOn, on, latestProgramme.Definition))
            {
                var pending = await db.Set<FollowUp>().Where(f => f.EpisodeId == latest.Id && f.CompletedOn == null).ToListAsync(ct);
                var v = new Validator();
                EpisodeRules.Reopen(db, latest, latest.Phases, pending, latestProgramme.Definition, on, by, db.Today(), v);
                v.ThrowIfAny();
                latest.ReferralId = referral.Id;
                referral.EpisodeId = latest.Id;
                return;
            }
        }
        EpisodeRules.Open(db, referral, programme, on, by, mode);
    }

    public async Task<IReadOnlyList<WaitingListRow>> WaitingListAsync(ActorContext actor, Guid teamId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var rows = await db.Set<WaitingListEntry>().AsNoTracking().InScope(actor)
            .Where(w => w.TeamId == teamId && w.RemovedOn == null)
            .OrderBy(w => w.Position).ThenBy(w => w.Since)
            .Join(db.Set<Family>(), w => w.Referral!.FamilyId, f => f.Id, (w, f) => new { w, w.Referral!.Reference, f.Id, FamilyReference = f.Reference })
            .ToListAsync(ct);
        return rows.Select(r => new WaitingListRow(r.w.Id, r.w.ReferralId, r.Reference, r.Id, r.FamilyReference, r.w.Since, r.w.Priority, r.w.Reason, r.w.Position, asOf.DayNumber - r.w.Since.DayNumber, r.w.Version, r.w.TeamId)).ToList();
    }

    /// <summary>Moves an entry to a new place in its team's list (1 = first), with a reason for the audit trail.</summary>
    public async Task ReorderAsync(ActorContext actor, Guid entryId, int version, int newPosition, string reason, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException("Reason", "Enter why the waiting list is being reordered");
        }
        var entry = await db.Set<WaitingListEntry>().InScope(actor).SingleOrDefaultAsync(w => w.Id == entryId && w.RemovedOn == null, ct)
            ?? throw new AccessDeniedException("That waiting list entry does not exist or is not in your teams.");
        var list = await db.Set<WaitingListEntry>().Where(w => w.TeamId == entry.TeamId && w.RemovedOn == null)
            .OrderBy(w => w.Position).ThenBy(w => w.Since).ToListAsync(ct);
        if (newPosition < 1 || newPosition > list.Count)
        {
            throw new ValidationFailedException("Position", $"Choose a position from 1 to {list.Count}");
        }
        entry.Version = version;
        list.Remove(entry);
        list.Insert(newPosition - 1, entry);
        for (var i = 0; i < list.Count; i++)
        {
            list[i].Position = i + 1;
        }
        await db.SaveChangesAsync(actor.WithReason(reason), ct);
    }

    /// <summary>Takes a referral off the waiting list without accepting it (withdrawn, no longer needed...).</summary>
    public async Task RemoveFromWaitingListAsync(ActorContext actor, Guid entryId, int version, WaitingOutcome outcome, DateOnly on, string? note, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var entry = await db.Set<WaitingListEntry>().InScope(actor).Include(w => w.Referral).SingleOrDefaultAsync(w => w.Id == entryId && w.RemovedOn == null, ct)
            ?? throw new AccessDeniedException("That waiting list entry does not exist or is not in your teams.");
        var v = new Validator();
        if (outcome == WaitingOutcome.Accepted)
        {
            v.Add("Outcome", "To accept a waiting referral, record the triage decision: it opens the episode");
        }
        if (on < entry.Since || on > db.Today())
        {
            v.Add("RemovedOn", $"The date must be between {entry.Since:yyyy-MM-dd} and today");
        }
        v.MaxLength("OutcomeNote", note, 2000, "Note");
        v.ThrowIfAny();
        entry.Version = version;
        entry.RemovedOn = on;
        entry.Outcome = outcome;
        entry.OutcomeNote = note?.Trim();
        var referral = entry.Referral!;
        referral.Status = outcome switch
        {
            WaitingOutcome.ReferredOn => ReferralStatus.ReferredOn,
            WaitingOutcome.Inappropriate => ReferralStatus.Inappropriate,
            _ => ReferralStatus.Advice,
        };
        referral.DecidedOn = on;
        referral.DecidedBy = actor.Name;
        referral.DecidedByUserId = actor.UserId;
        referral.DecisionReason = $"Removed from waiting list: {outcome}{(string.IsNullOrWhiteSpace(note) ? "" : $" ({note.Trim()})")}";
        await db.SaveChangesAsync(actor, ct);
    }

    /// <summary>
    /// The resource panel: for each of the chosen teams, every waiting referral and every accepted referral whose episode
    /// has no worker yet, beside the team's workers' free intensive capacity.
    /// </summary>
    public async Task<IReadOnlyList<PanelTeam>> ResourcePanelAsync(ActorContext actor, IReadOnlyCollection<Guid> teamIds, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var teams = teamIds.Where(actor.CanSeeTeam).Distinct().ToList();
        var names = await db.Set<Team>().AsNoTracking().Where(t => teams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor)
            .Where(r => teams.Contains(r.TeamId)
                && (r.Status == ReferralStatus.WaitingList
                    || (r.Status == ReferralStatus.Accepted && r.EpisodeId != null
                        && db.Set<Episode>().Any(e => e.Id == r.EpisodeId && e.ClosedOn == null)
                        && !db.Set<Allocation>().Any(a => a.EpisodeId == r.EpisodeId && a.To == null))))
            .Join(db.Set<Family>(), r => r.FamilyId, f => f.Id, (r, f) => new { r, f.Reference })
            .Select(x => new
            {
                x.r.Id, x.r.TeamId, x.Reference, x.r.ReceivedOn, x.r.Status, x.r.EpisodeId,
                Waiting = db.Set<WaitingListEntry>().Where(w => w.ReferralId == x.r.Id && w.RemovedOn == null)
                    .Select(w => new { w.Priority, w.Since, w.Position }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var loads = await allocations.LoadsAsync(actor, teams, ct);
        return teams.Where(names.ContainsKey).Select(t =>
        {
            var workers = loads.Where(l => l.TeamId == t).ToList();
            var rows = referrals.Where(r => r.TeamId == t)
                .OrderBy(r => r.Waiting == null ? 0 : 1).ThenBy(r => r.Waiting?.Position).ThenBy(r => r.ReceivedOn)
                .Select(r => new PanelReferral(r.Id, r.TeamId, r.Reference, r.ReceivedOn, r.Status, r.EpisodeId, r.Waiting?.Priority, r.Waiting?.Since))
                .ToList();
            return new PanelTeam(t, names[t], workers.Sum(w => w.FreeCapacity), workers, rows);
        }).ToList();
    }

    private static AccessDeniedException NotFound() => new("That referral does not exist or is not in your teams.");
}

/// <summary>Sets <see cref="Referral.IsReReferral"/> wherever <see cref="ReReferralRule"/> says so, including later referrals when one is back-dated.</summary>
internal static class ReReferrals
{
    public static async Task RecomputeAsync(HearthDbContext db, IReadOnlyCollection<Guid> childIds, CancellationToken ct)
    {
        var ids = childIds.ToList();
        var rows = await db.Set<ReferralChild>()
            .Where(c => ids.Contains(c.PersonId))
            .Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.Id, r.ServiceId, r.ReceivedOn })
            .ToListAsync(ct);
        // Adding a referral or merging people only ever adds earlier referrals, so flags are set and never cleared here.
        var flagged = rows.Where(r => rows.Any(o => o.PersonId == r.PersonId && o.ServiceId == r.ServiceId && ReReferralRule.Counts(o.ReceivedOn, r.ReceivedOn)))
            .Select(r => r.Id).Distinct().ToList();
        var referrals = await db.Set<Referral>().Where(r => flagged.Contains(r.Id) && !r.IsReReferral).ToListAsync(ct);
        foreach (var r in referrals)
        {
            r.IsReReferral = true;
        }
    }
}
