using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

public sealed record DirectoryServiceInput(string Name, string Category, string? Contact);

public sealed record ServiceReferralInput(Guid DirectoryServiceId, Guid? PersonId, DateOnly ReferredOn, string? Note);

public sealed record ServiceReferralView(
    Guid Id, Guid EpisodeId, string Service, string Category, Guid? PersonId, DateOnly ReferredOn, ServiceReferralStatus Status,
    DateOnly StatusOn, DateOnly? StartedOn, int DaysWaited, bool StillWaiting, int Version);

/// <summary>
/// The service directory (configured by administrators) and referrals from episodes to wider services with their status
/// history. The wait runs from the referral to the first day the service accepted or engaged the family; a referral
/// still referred or waiting has waited until today; declined or dropped out before starting stops the clock that day.
/// </summary>
public sealed class ServiceReferralService(HearthDbContext db)
{
    public static readonly IReadOnlyList<string> Categories =
        ["Drug and alcohol", "Domestic abuse", "Mental health", "Housing", "Debt advice", "Employment support", "Parenting", "Health", "Education", "Other"];

    public async Task<DirectoryService> AddToDirectoryAsync(ActorContext actor, DirectoryServiceInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator().Require("Name", input.Name, "Enter the service's name").MaxLength("Name", input.Name, 200, "Name")
            .MaxLength("Contact", input.Contact, 200, "Contact");
        if (!Categories.Contains(input.Category))
        {
            v.Add("Category", "Choose the kind of service");
        }
        if (!string.IsNullOrWhiteSpace(input.Name) && await db.Set<DirectoryService>().AnyAsync(d => d.Name == input.Name.Trim(), ct))
        {
            v.Add("Name", "The directory already has a service with that name");
        }
        v.ThrowIfAny();
        var entry = new DirectoryService { Name = input.Name.Trim(), Category = input.Category, Contact = CaseworkScope.Clean(input.Contact) };
        db.Add(entry);
        await db.SaveChangesAsync(actor, ct);
        return entry;
    }

    public async Task<IReadOnlyList<DirectoryService>> DirectoryAsync(CancellationToken ct = default) =>
        await db.Set<DirectoryService>().AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Category).ThenBy(d => d.Name).ToListAsync(ct);

    public async Task<ServiceReferral> ReferAsync(ActorContext actor, Guid episodeId, ServiceReferralInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        var v = new Validator();
        if (!await db.Set<DirectoryService>().AnyAsync(d => d.Id == input.DirectoryServiceId && d.IsActive, ct))
        {
            v.Add("DirectoryServiceId", "Choose a service from the directory");
        }
        if (input.ReferredOn > db.Today())
        {
            v.Add("ReferredOn", "The referral date must be today or in the past");
        }
        else if (input.ReferredOn < episode.OpenedOn)
        {
            v.Add("ReferredOn", "The referral cannot be before the episode opened");
        }
        if (input.PersonId is { } p && !await db.Set<People.Person>().AnyAsync(x => x.Id == p && x.FamilyId == episode.FamilyId, ct))
        {
            v.Add("PersonId", "Choose a member of this family");
        }
        v.MaxLength("Note", input.Note, 1000, "Note").ThrowIfAny();
        var referral = new ServiceReferral
        {
            EpisodeId = episode.Id, TeamId = episode.TeamId, DirectoryServiceId = input.DirectoryServiceId, PersonId = input.PersonId,
            ReferredOn = input.ReferredOn, Status = ServiceReferralStatus.Referred, StatusOn = input.ReferredOn,
        };
        referral.History.Add(new ServiceReferralStatusChange { ServiceReferralId = referral.Id, Status = ServiceReferralStatus.Referred, On = input.ReferredOn, By = actor.Name, Note = CaseworkScope.Clean(input.Note) });
        db.Add(referral);
        await db.SaveChangesAsync(actor, ct);
        return referral;
    }

    public async Task<ServiceReferral> ChangeStatusAsync(ActorContext actor, Guid referralId, int version, ServiceReferralStatus status, DateOnly on, string? note, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var referral = await db.Set<ServiceReferral>().InScope(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw CaseworkScope.NotFound("service referral");
        referral.Version = version;
        var v = new Validator();
        if (on > db.Today())
        {
            v.Add("On", "The date must be today or in the past");
        }
        if (on < referral.StatusOn)
        {
            v.Add("On", $"The date cannot be before the last change on {referral.StatusOn:d MMMM yyyy}");
        }
        if (HasEnded(referral.Status))
        {
            v.Add("Status", "The referral has ended; make a new referral instead");
        }
        if (status == referral.Status)
        {
            v.Add("Status", "Choose a different status");
        }
        v.MaxLength("Note", note, 1000, "Note").ThrowIfAny();
        referral.Status = status;
        referral.StatusOn = on;
        if (status is ServiceReferralStatus.Accepted or ServiceReferralStatus.Engaged or ServiceReferralStatus.Completed)
        {
            referral.StartedOn ??= on;
        }
        db.Add(new ServiceReferralStatusChange { ServiceReferralId = referral.Id, Status = status, On = on, By = actor.Name, Note = CaseworkScope.Clean(note) });
        await db.SaveChangesAsync(actor, ct);
        return referral;
    }

    public async Task<IReadOnlyList<ServiceReferralView>> ForEpisodeAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await ViewsAsync(db.Set<ServiceReferral>().Where(r => r.EpisodeId == episodeId), ct);
    }

    /// <summary>One referral with its wait so far.</summary>
    public async Task<ServiceReferralView> ReadAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var view = (await ViewsAsync(db.Set<ServiceReferral>().InScope(actor).Where(r => r.Id == referralId), ct)).SingleOrDefault() ?? throw CaseworkScope.NotFound("service referral");
        await db.ReadEpisodeInScopeAsync(actor, view.EpisodeId, ct);
        return view;
    }

    private async Task<IReadOnlyList<ServiceReferralView>> ViewsAsync(IQueryable<ServiceReferral> referrals, CancellationToken ct)
    {
        var today = db.Today();
        var rows = await (from r in referrals.AsNoTracking()
                          join d in db.Set<DirectoryService>() on r.DirectoryServiceId equals d.Id
                          orderby r.ReferredOn, d.Name
                          select new { r, d.Name, d.Category }).ToListAsync(ct);
        return rows.Select(x =>
        {
            var r = x.r;
            var waiting = r.StartedOn is null && r.Status is ServiceReferralStatus.Referred or ServiceReferralStatus.Waiting;
            var end = r.StartedOn ?? (waiting ? today : r.StatusOn);
            return new ServiceReferralView(r.Id, r.EpisodeId, x.Name, x.Category, r.PersonId, r.ReferredOn, r.Status, r.StatusOn, r.StartedOn,
                end.DayNumber - r.ReferredOn.DayNumber, waiting, r.Version);
        }).ToList();
    }

    public static bool HasEnded(ServiceReferralStatus status) => status is ServiceReferralStatus.Completed or ServiceReferralStatus.Declined or ServiceReferralStatus.DroppedOut;

    public static string StatusLabel(ServiceReferralStatus status) => status switch
    {
        ServiceReferralStatus.DroppedOut => "Dropped out",
        _ => status.ToString(),
    };

    public async Task<IReadOnlyList<ServiceReferralStatusChange>> HistoryAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var referral = await db.Set<ServiceReferral>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw CaseworkScope.NotFound("service referral");
        return await db.Set<ServiceReferralStatusChange>().AsNoTracking().Where(h => h.ServiceReferralId == referral.Id).OrderBy(h => h.On).ToListAsync(ct);
    }
}
