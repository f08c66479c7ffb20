using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using static Hearth.Core.Casework.CaseworkScope;

namespace Hearth.Core.Casework;

public sealed record PlanInput(PlanKind Kind, string Content, DateOnly? ReviewBy, string? ChangeSummary = null);

public sealed record AgreementInput(Guid PersonId, DateOnly AgreedOn, AgreementFormat Format);

/// <summary>
/// An episode's plans (family agreement, whole-family plan, safety plan), each a series of versions, and the family
/// members' agreements to them. Each edit takes the version the user read.
/// </summary>
public sealed class PlanService(HearthDbContext db)
{
    /// <summary>Writes a plan's first version, or a new version of it; earlier versions are kept unchanged.</summary>
    public async Task<Plan> SavePlanAsync(ActorContext actor, Guid episodeId, int? version, PlanInput input, CancellationToken ct = default, Guid? reviewId = null)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        var problems = new Validator();
        Check(input, "", problems);
        problems.ThrowIfAny();
        var plan = await db.Set<Plan>().Include(p => p.Versions).SingleOrDefaultAsync(p => p.EpisodeId == episode.Id && p.Kind == input.Kind, ct);
        if (plan is null)
        {
            plan = new Plan { EpisodeId = episode.Id, TeamId = episode.TeamId, Kind = input.Kind, Content = "" };
            db.Add(plan);
        }
        else if (version is { } v)
        {
            plan.Version = v;
        }
        else
        {
            throw new ValidationFailedException("Kind", "This episode already has that plan; amend it instead");
        }
        AddVersion(actor, plan, input, reviewId);
        await db.SaveChangesAsync(actor, ct);
        return plan;
    }

    /// <summary>Makes <paramref name="input"/> the plan's next version; a review that amends the plan passes its id.</summary>
    internal void AddVersion(ActorContext actor, Plan plan, PlanInput input, Guid? reviewId)
    {
        plan.CurrentVersion++;
        plan.Content = input.Content.Trim();
        plan.ReviewBy = input.ReviewBy;
        db.Add(new PlanVersion
        {
            PlanId = plan.Id, Number = plan.CurrentVersion, Content = plan.Content, ReviewBy = input.ReviewBy,
            WrittenOn = db.Today(), WrittenBy = actor.Name, ReviewId = reviewId, ChangeSummary = Clean(input.ChangeSummary),
        });
    }

    /// <summary>The checks on a plan version, into <paramref name="v"/> with fields under <paramref name="prefix"/> (a review's form names them "Plan.").</summary>
    internal void Check(PlanInput input, string prefix, Validator v)
    {
        v.Require(prefix + "Content", input.Content, "Enter what the plan says").MaxLength(prefix + "Content", input.Content, 8000, "The plan");
        if (input.ReviewBy is { } r && r < db.Today())
        {
            v.Add(prefix + "ReviewBy", "The review-by date must be today or later");
        }
        v.MaxLength(prefix + "ChangeSummary", input.ChangeSummary, 2000, "What changed");
    }

    /// <summary>
    /// Records that a family member agreed the plan's current version: when, and how (signed on paper, verbally,
    /// pictorially, electronically or through an interpreter). Each member agrees each version once.
    /// </summary>
    public async Task<PlanAgreement> RecordAgreementAsync(ActorContext actor, Guid planId, AgreementInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var plan = await db.Set<Plan>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw NotFound("plan");
        var (episode, _) = await db.EpisodeInScopeAsync(actor, plan.EpisodeId, ct);
        var v = new Validator();
        if (!(await db.FamilyMemberIdsAsync(episode.FamilyId, ct)).Contains(input.PersonId))
        {
            v.Add("PersonId", "Choose a member of this family");
        }
        else if (await db.Set<PlanAgreement>().AnyAsync(a => a.PlanId == plan.Id && a.PersonId == input.PersonId && a.PlanVersionNumber == plan.CurrentVersion, ct))
        {
            v.Add("PersonId", $"This family member has already agreed version {plan.CurrentVersion}");
        }
        if (input.AgreedOn > db.Today())
        {
            v.Add("AgreedOn", "The date of agreement must be today or in the past");
        }
        else if (input.AgreedOn < episode.OpenedOn)
        {
            // A paper agreement may be signed before the plan is typed in, so only the episode's opening bounds it.
            v.Add("AgreedOn", $"The date of agreement cannot be before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
        }
        if (!Enum.IsDefined(input.Format))
        {
            v.Add("Format", "Choose how the family member agreed");
        }
        v.ThrowIfAny();
        var agreement = new PlanAgreement { PlanId = plan.Id, PersonId = input.PersonId, PlanVersionNumber = plan.CurrentVersion, AgreedOn = input.AgreedOn, Format = input.Format };
        db.Add(agreement);
        await db.SaveChangesAsync(actor, ct);
        return agreement;
    }

    /// <summary>Every agreement to the episode's plans, oldest first.</summary>
    public async Task<IReadOnlyList<PlanAgreement>> AgreementsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<PlanAgreement>().AsNoTracking().Where(a => db.Set<Plan>().Any(p => p.Id == a.PlanId && p.EpisodeId == episodeId))
            .OrderBy(a => a.AgreedOn).ThenBy(a => a.PlanVersionNumber).ToListAsync(ct);
    }

    public static string FormatLabel(AgreementFormat format) => format switch
    {
        AgreementFormat.Signed => "Signed on paper",
        AgreementFormat.Verbal => "Verbally",
        AgreementFormat.Pictorial => "Pictorially (for example a child's drawing or symbols)",
        AgreementFormat.Electronic => "Electronically (digital signature, email or text)",
        _ => "Through an interpreter",
    };

    public async Task<IReadOnlyList<Plan>> PlansAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<Plan>().AsNoTracking().Where(p => p.EpisodeId == episodeId).OrderBy(p => p.Kind).ToListAsync(ct);
    }
}
