using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Measures;
using Hearth.Core.Programmes;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>Schedules an instrument in the draft, or changes or removes one: who completes it, for which ages, and when.</summary>
[RequirePermission(Permission.Administer)]
public sealed class InstrumentModel(ProgrammeEditor editor) : ProgrammeDraftPageModel(editor)
{
    [BindProperty] public string? Instrument { get; set; }
    [BindProperty] public string? Respondent { get; set; }
    [BindProperty] public string? MinAgeYears { get; set; }
    [BindProperty] public string? MaxAgeYears { get; set; }
    [BindProperty] public List<string> When { get; set; } = [];
    [BindProperty] public string? EveryMonths { get; set; }

    public MeasureSchedule? Current { get; private set; }

    public IReadOnlyList<Choice> InstrumentChoices { get; } = InstrumentCatalog.All.Select(i => new Choice(i.Id, i.Name)).ToList();
    public IReadOnlyList<Choice> RespondentChoices { get; } = Enum.GetNames<Hearth.Core.Measures.Respondent>().Select(r => new Choice(r, r)).ToList();

    public async Task<IActionResult> OnGetAsync(string code, int? index, CancellationToken ct)
    {
        if (!await FindAsync(code, index, keepPostedVersion: false, ct))
        {
            return NotFound();
        }
        if (Current is { } m)
        {
            (Instrument, Respondent, MinAgeYears, MaxAgeYears, EveryMonths) = (m.Instrument, m.Respondent.ToString(), N(m.MinAgeYears), m.MaxAgeYears is { } max ? N(max) : null, m.EveryMonths is { } e ? N(e) : null);
            When = [.. m.AtBaseline ? ["AtBaseline"] : Array.Empty<string>(), .. m.AtReviews ? ["AtReviews"] : Array.Empty<string>(), .. m.AtClosure ? ["AtClosure"] : Array.Empty<string>()];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int? index, CancellationToken ct)
    {
        if (!await FindAsync(code, index, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        var form = new InstrumentForm(Instrument, Respondent, MinAgeYears, MaxAgeYears, When.Contains("AtBaseline"), When.Contains("AtReviews"), EveryMonths, When.Contains("AtClosure"));
        return await SaveAsync(() => Editor.SaveInstrumentAsync(Actor, code, Version, index, form, ct), BackToDraft, "Instrument");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, int index, CancellationToken ct)
    {
        if (!await FindAsync(code, index, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => Editor.RemoveInstrumentAsync(Actor, code, Version, index, ct), BackToDraft, "Instrument");
    }

    private async Task<bool> FindAsync(string code, int? index, bool keepPostedVersion, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion, ct))
        {
            return false;
        }
        Current = index is { } i && i >= 0 && i < Definition.Measures.Count ? Definition.Measures[i] : null;
        return index is null || Current is not null;
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
