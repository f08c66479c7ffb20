using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Admin.Workers;

/// <summary>The values shown in the worker fields, and the page whose errors they show.</summary>
public sealed record WorkerForm(HearthPageModel Page, string? Name, string? JobTitle, string? Fte, string? MaxIntensiveCases, string? Specialisms, string? Patch, DateParts StartDate)
{
    public static IReadOnlyList<string> SpecialismList(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
