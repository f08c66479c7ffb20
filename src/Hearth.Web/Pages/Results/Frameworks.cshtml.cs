using Hearth.Web.Infrastructure;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>
/// Every version of every framework (effective date, cited source, what changed), each downloadable as JSON; performance
/// officers publish a new version (e.g. the council's Family Outcomes Plan) from an edited copy. Published versions are
/// never edited, and families attached earlier keep the version they were attached under.
/// </summary>
[RequirePermission(Permission.ViewResults)]
public sealed class FrameworksModel(FrameworkService frameworks, TimeProvider time) : ResultsPageModel(time)
{
    public IReadOnlyList<IReadOnlyList<FrameworkDefinition>> Versions { get; private set; } = [];
    public bool CanPublish => Actor.Has(Permission.ManageClaims);

    [BindProperty] public string? Definition { get; set; }
    [BindProperty] public string? Changes { get; set; }
    [BindProperty] public DateParts EffectiveFrom { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Published { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>One version as JSON, the starting point for the next one.</summary>
    public async Task<IActionResult> OnGetJsonAsync(string code, int version, CancellationToken ct)
    {
        var definition = await frameworks.VersionAsync(code, version, ct);
        return definition is null ? NotFound() : File(Encoding.UTF8.GetBytes(definition.ToJson()), "application/json", $"{code}.v{version}.json");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        FrameworkDefinition? definition = null;
        if (string.IsNullOrWhiteSpace(Definition))
        {
            Errors.Add(new FieldError(nameof(Definition), "Paste the new version's JSON, for example an edited copy of the version it replaces"));
        }
        else
        {
            try
            {
                definition = FrameworkDefinition.FromJson(Definition);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                Errors.Add(new FieldError(nameof(Definition), $"The JSON cannot be read: {e.Message}"));
            }
        }
        var effectiveOn = ReadDate(EffectiveFrom, nameof(EffectiveFrom), "the date the version takes effect");
        FrameworkDefinition? published = null;
        return await SaveAsync(async () => published = await frameworks.PublishAsync(Actor, definition! with { Changes = Changes?.Trim() ?? "" }, effectiveOn!.Value, ct),
            () => RedirectToPage(new { Published = $"{published!.Name} version {published.Version}" }), nameof(Definition), () => LoadAsync(ct),
            // The definition's own fields (code, source, rules) are all in the JSON box: name them as the JSON does.
            mapError: x => x.Field is nameof(Changes) or nameof(EffectiveFrom) or nameof(Definition) ? x
                : new FieldError(nameof(Definition), $"\"{JsonNamingPolicy.CamelCase.ConvertName(x.Field)}\": {x.Message}"));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = new List<IReadOnlyList<FrameworkDefinition>>();
        foreach (var code in ShippedFrameworks.All.Select(f => f.Code))
        {
            list.Add(await frameworks.VersionsAsync(code, ct));
        }
        Versions = list;
    }
}
