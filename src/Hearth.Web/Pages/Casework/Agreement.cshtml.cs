using Hearth.Core.Security;
using Hearth.Core;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// Records that a family member agreed a plan's current version (usually the family agreement): who, on what date and
/// how (signed on paper, verbally, pictorially, electronically, through an interpreter).
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class AgreementModel(EpisodeService episodes, PlanService plans, TimeProvider time, IStringLocalizer<SharedResource> t) : CaseworkPageModel
{
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public DateParts AgreedOn { get; set; } = new();
    [BindProperty] public string? Format { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public PlanKind Kind { get; private set; }
    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<PlanAgreement> Agreements { get; private set; } = [];
    public IReadOnlyList<Choice> Members => Summary.Members.Select(m => new Choice(m.Id.ToString(), m.Name,
        Agreements.Any(a => a.PersonId == m.Id && a.PlanVersionNumber == Plan.CurrentVersion) ? t["Has agreed version {0}", Plan.CurrentVersion].Value : null)).ToList();
    public IReadOnlyList<Choice> Formats => Enum.GetValues<AgreementFormat>().Select(f => new Choice(f.ToString(), t[PlanService.FormatLabel(f)])).ToList();

    public TableModel AgreementTable => new(t["Agreements so far"], [t["Family member"], t["Version"], t["Agreed on"], t["How"]],
        Agreements.OrderByDescending(a => a.PlanVersionNumber).ThenBy(a => a.AgreedOn).Select(a => (IReadOnlyList<string>)[NameOf(a.PersonId), a.PlanVersionNumber.ToString(WebSetup.Culture),
            Display.Date(a.AgreedOn), t[PlanService.FormatLabel(a.Format)]]).ToList(), new HashSet<int> { 1 });

    public string NameOf(Guid personId) => Summary.Members.FirstOrDefault(m => m.Id == personId)?.Name ?? t["A former family member"];

    public async Task<IActionResult> OnGetAsync(Guid id, PlanKind kind, CancellationToken ct)
    {
        if (!await LoadAsync(id, kind, ct))
        {
            return NotFound();
        }
        AgreedOn = DateParts.Of(time.TodayInUk());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, PlanKind kind, CancellationToken ct)
    {
        if (!await LoadAsync(id, kind, ct))
        {
            return NotFound();
        }
        if (!Guid.TryParse(PersonId, out var person))
        {
            Errors.Add(new FieldError(nameof(PersonId), t["Choose the family member who agreed"]));
        }
        if (AgreedOn.Value is null)
        {
            Errors.Add(new FieldError(nameof(AgreedOn), t["Enter the date they agreed as a real date, for example 27 3 2026"]));
        }
        if (!Enum.TryParse<AgreementFormat>(Format, out var format) || !Enum.IsDefined(format))
        {
            Errors.Add(new FieldError(nameof(Format), t["Choose how they agreed"]));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        return await SaveAsync(() => plans.RecordAgreementAsync(Actor, Plan.Id, new AgreementInput(person, AgreedOn.Value!.Value, format), ct), () => RedirectToPage("/Casework/Episode", new { id }), "Version");
    }

    private async Task<bool> LoadAsync(Guid id, PlanKind kind, CancellationToken ct)
    {
        Kind = kind;
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        if ((await plans.PlansAsync(Actor, id, ct)).FirstOrDefault(p => p.Kind == kind) is not { } plan)
        {
            return false;
        }
        Plan = plan;
        Agreements = (await plans.AgreementsAsync(Actor, id, ct)).Where(a => a.PlanId == plan.Id).ToList();
        return true;
    }
}
