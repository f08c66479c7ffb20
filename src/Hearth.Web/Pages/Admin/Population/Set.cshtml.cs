using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using System.Globalization;
using Hearth.Core.Reporting;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Population;

/// <summary>Adds one population figure, or changes one opened from its Change link.</summary>
[RequirePermission(Permission.Administer)]
public sealed class SetModel(ReportInputService inputs) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Characteristic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty] public string? Count { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public int? Version { get; set; }

    public IReadOnlyList<Choice> CharacteristicChoices { get; } =
        [new("age", "Age band"), new("sex", "Sex"), new("ethnicity", "Ethnicity"), new("disability", "Disability")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (int.TryParse(Year, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) && Characteristic is not null && Category is not null
            && (await inputs.PopulationAsync(Actor, year, ct)).FirstOrDefault(f => f.Characteristic == Characteristic && f.Category == Category) is { } figure)
        {
            (Count, Source, Version) = (figure.Count.ToString(CultureInfo.InvariantCulture), figure.Source, figure.Version);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var year = Whole(Year, nameof(Year), "The year must be a whole number, like 2021");
        var count = WholeCount(Count, nameof(Count), "The number of children must be a whole number, like 16000");
        return await SaveAsync(() => inputs.SetPopulationFigureAsync(Actor, new PopulationFigureInput(year, Characteristic, Category, count, Source, Version), ct), () => RedirectToPage("/Admin/Population/Index", new { saved = $"{Characteristic} {Category?.Trim()} in {year}" }), nameof(Count));
    }
}
