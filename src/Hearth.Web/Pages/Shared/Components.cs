using Hearth.Core.Data;

namespace Hearth.Web.Pages.Shared;

// Models for our GOV.UK Design System partials (one partial per component, markup as the Design System publishes it).

public sealed record TextInputModel(string Name, string Label, string? Value, string? Error = null, string? Hint = null,
    string Type = "text", string? Autocomplete = null, string? Width = null, bool LabelIsPageHeading = false, string? Id = null, bool Spellcheck = false)
{
    public string InputId => Id ?? Infrastructure.HearthPageModel.FieldId(Name);
}

public sealed record DateInputModel(string Name, string Legend, DateOnly? Value, string? Error = null, string? Hint = null,
    string? Day = null, string? Month = null, string? Year = null)
{
    public string InputId => Infrastructure.HearthPageModel.FieldId(Name);
}

public sealed record Choice(string Value, string Text, string? Hint = null);

public sealed record ChoicesModel(string Name, string Legend, IReadOnlyList<Choice> Items, IReadOnlyCollection<string> Selected,
    string? Error = null, string? Hint = null, bool Inline = false, bool Small = false, bool LegendIsPageHeading = false)
{
    public string InputId => Infrastructure.HearthPageModel.FieldId(Name);
}

/// <summary>A GOV.UK select; an empty <paramref name="Placeholder"/> option comes first when given.</summary>
public sealed record SelectModel(string Name, string Label, IReadOnlyList<Choice> Items, string? Selected, string? Error = null, string? Hint = null, string? Placeholder = null)
{
    public string InputId => Infrastructure.HearthPageModel.FieldId(Name);
}

public sealed record SummaryRow(string Key, string Value, string? ChangeHref = null, string? ChangeHiddenText = null);

/// <summary>A link in a summary card's title bar; <paramref name="HiddenText"/> tells screen readers which card it acts on.</summary>
public sealed record CardAction(string Href, string Text, string HiddenText);

public sealed record SummaryListModel(IReadOnlyList<SummaryRow> Rows, string? CardTitle = null, IReadOnlyList<CardAction>? CardActions = null);

/// <summary>
/// A GOV.UK textarea. With <paramref name="MaxLength"/> it is the character count component: the count is announced
/// as the user types (GOV.UK Frontend's script), and the server still refuses a longer text.
/// </summary>
public sealed record TextareaModel(string Name, string Label, string? Value, string? Error = null, string? Hint = null,
    int Rows = 5, int? MaxLength = null, string? Id = null, bool Spellcheck = true, string LabelClass = "govuk-label")
{
    public string InputId => Id ?? Infrastructure.HearthPageModel.FieldId(Name);
}

/// <summary>A GOV.UK table of text. Cells of <paramref name="MultilineColumns"/> keep the line breaks of what was typed (case notes).</summary>
public sealed record TableModel(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlySet<int>? NumericColumns = null, string? CaptionSize = "m", IReadOnlySet<int>? MultilineColumns = null);

public sealed record TaskListItem(string Title, string? Href, string Status, string? Hint = null);

/// <summary>
/// GOV.UK pagination: previous and next links and the page numbers (the first, the last, and those next to the current
/// one, with ellipses between). <paramref name="Href"/> gives each page's link, keeping the page's filters.
/// </summary>
public sealed record PaginationModel(int Page, int Pages, Func<int, string> Href)
{
    /// <summary>The numbers to show; null is an ellipsis.</summary>
    public IReadOnlyList<int?> Items
    {
        get
        {
            var items = new List<int?>();
            for (var n = 1; n <= Pages; n++)
            {
                if (n == 1 || n == Pages || Math.Abs(n - Page) <= 1)
                {
                    items.Add(n);
                }
                else if (items[^1] is not null)
                {
                    items.Add(null);
                }
            }
            return items;
        }
    }
}

public sealed record BackLinkModel(string Href, string Text = "Back");

public sealed record NotificationBannerModel(string Title, string Heading, string? Body = null, bool Success = false);

public sealed record ErrorSummaryModel(IReadOnlyList<FieldError> Errors);
