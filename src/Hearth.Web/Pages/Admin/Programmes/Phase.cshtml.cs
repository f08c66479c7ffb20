using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Programmes;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>Adds a phase to the draft, or changes or removes one: its name, expected length, intensity and review points.</summary>
[RequirePermission(Permission.Administer)]
public sealed class PhaseModel(ProgrammeEditor editor) : ProgrammeDraftPageModel(editor)
{
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? ExpectedMinDays { get; set; }
    [BindProperty] public string? ExpectedMaxDays { get; set; }
    [BindProperty] public bool? Intensive { get; set; }
    [BindProperty] public bool? IsAssessment { get; set; }
    [BindProperty] public string? ReviewMonths { get; set; }
    [BindProperty] public string? ReviewEveryWeeks { get; set; }
    [BindProperty] public string? Position { get; set; }

    public PhaseDefinition? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? phase, CancellationToken ct)
    {
        if (!await FindAsync(code, phase, keepPostedVersion: false, ct))
        {
            return NotFound();
        }
        if (Current is { } p)
        {
            (Key, Name, ExpectedMinDays, ExpectedMaxDays, Intensive, IsAssessment) = (p.Key, p.Name, N(p.ExpectedMinDays), N(p.ExpectedMaxDays), p.Intensive, p.IsAssessment);
            ReviewMonths = string.Join(", ", p.Reviews.Where(r => r.MonthsFromStart is not null).Select(r => N(r.MonthsFromStart!.Value)));
            ReviewEveryWeeks = p.Reviews.FirstOrDefault(r => r.EveryWeeks is not null)?.EveryWeeks is { } w ? N(w) : null;
            Position = N(Definition.IndexOf(p.Key) + 1);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string? phase, CancellationToken ct)
    {
        if (!await FindAsync(code, phase, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        var form = new PhaseForm(Key, Name, ExpectedMinDays, ExpectedMaxDays, Intensive ?? false, IsAssessment ?? false, ReviewMonths, ReviewEveryWeeks, Position);
        return await SaveAsync(() => Editor.SavePhaseAsync(Actor, code, Version, Current?.Key, form, ct), BackToDraft, "Name");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, string phase, CancellationToken ct)
    {
        if (!await FindAsync(code, phase, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => Editor.RemovePhaseAsync(Actor, code, Version, phase, ct), BackToDraft, "Name");
    }

    private async Task<bool> FindAsync(string code, string? key, bool keepPostedVersion, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion, ct))
        {
            return false;
        }
        Current = key is null ? null : Definition.Phase(key);
        return key is null || Current is not null;
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
