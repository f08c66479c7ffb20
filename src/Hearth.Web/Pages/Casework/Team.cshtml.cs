using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>The team around the family: the professionals and agencies involved, their roles, contact and consent to share. Adds one or changes one.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class TeamModel(EpisodeService episodes, TeamAroundFamilyService professionals) : CaseworkPageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Agency { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? Consent { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public IReadOnlyList<Professional> Professionals { get; private set; } = [];
    public Professional? Editing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? professionalId, CancellationToken ct)
    {
        if (!await LoadAsync(id, professionalId, ct))
        {
            return NotFound();
        }
        if (Editing is { } p)
        {
            (Name, Agency, Role, Contact, Consent, Version) = (p.Name, p.Agency, p.Role, p.Contact, p.ConsentToShare ? "yes" : "no", p.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? professionalId, CancellationToken ct)
    {
        if (!await LoadAsync(id, professionalId, ct))
        {
            return NotFound();
        }
        var input = new ProfessionalInput(Name ?? "", Agency ?? "", Role ?? "", Contact, Consent == "yes");
        if (Consent is not ("yes" or "no"))
        {
            // Report the other fields' problems with this one, in the form's order; nothing is saved.
            try
            {
                TeamAroundFamilyService.ValidateProfessional(input);
            }
            catch (ValidationFailedException e)
            {
                Errors.AddRange(e.Errors);
            }
            Errors.Add(new FieldError("Consent", "Select whether the family consents to sharing information with them"));
            return Page();
        }
        return await SaveAsync(() => Editing is { } p ? professionals.UpdateProfessionalAsync(Actor, p.Id, Version, input, ct) : professionals.AddProfessionalAsync(Actor, id, input, ct),
            () => RedirectToPage("/Casework/Team", new { id }), "Name");
    }

    private async Task<bool> LoadAsync(Guid id, Guid? professionalId, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Professionals = await professionals.ProfessionalsAsync(Actor, id, ct);
        if (professionalId is { } pid)
        {
            Editing = Professionals.FirstOrDefault(p => p.Id == pid);
            return Editing is not null;
        }
        return true;
    }
}
