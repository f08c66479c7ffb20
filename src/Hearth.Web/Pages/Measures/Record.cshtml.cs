using Hearth.Core;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Measures;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RespondentKind = Hearth.Core.Measures.Respondent;
using TimePointKind = Hearth.Core.Measures.TimePoint;

namespace Hearth.Web.Pages.Measures;

/// <summary>
/// Keys a paper form for a person in an episode: a table with one row per item, in the form's order, and the item's
/// answer scale as numbered radios, so a worker copies the marks straight down the page. Only numbers are shown, never
/// the licensed item wording (a council may load its own short labels). Every invalid item is refused at once, with the
/// other errors on the form, and nothing is saved.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class RecordModel(MeasureService measures, ItemLabels labels, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Episode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Instrument { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? PersonId { get; set; }
    [BindProperty(SupportsGet = true)] public string? TimePoint { get; set; }
    [BindProperty(SupportsGet = true)] public string? TimePointNumber { get; set; }
    [BindProperty(SupportsGet = true)] public string? Respondent { get; set; }
    [BindProperty] public DateParts CompletedOn { get; set; } = new();

    /// <summary>One item's row: its form name, its row label, its radio group's legend, the answers it accepts and what was posted.</summary>
    public sealed record EntryField(string Name, string Label, string Legend, IReadOnlyList<Choice> Choices, string? Value, string? Error);

    public ItemInstrument? Chosen { get; private set; }
    public IReadOnlyList<Choice> PersonChoices { get; private set; } = [];
    public IReadOnlyList<Choice> TimePointChoices { get; private set; } = [];
    public IReadOnlyList<Choice> RespondentChoices { get; private set; } = [];
    public IReadOnlyList<EntryField> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Chosen is not null && CompletedOn.Day is null)
        {
            var today = time.TodayInUk();
            CompletedOn = DateParts.Of(today);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Chosen is null)
        {
            return NotFound();
        }
        var v = new Validator();
        var date = ReadDate(v);
        if (PersonId is null)
        {
            v.Add(nameof(PersonId), t["Choose who the form is about"]);
        }
        if (!Enum.TryParse<TimePointKind>(TimePoint, out var point))
        {
            v.Add(nameof(TimePoint), t["Choose when in the work the form was completed"]);
        }
        if (!Enum.TryParse<RespondentKind>(Respondent, out var respondent))
        {
            v.Add(nameof(Respondent), t["Choose who completed the form"]);
        }
        int? number = null;
        if (!string.IsNullOrWhiteSpace(TimePointNumber))
        {
            if (int.TryParse(TimePointNumber.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                number = n;
            }
            else
            {
                v.Add(nameof(TimePointNumber), t["The number must be a whole number, like 1"]);
            }
        }
        var keys = MeasureEntry.ItemKeys(Chosen);
        var responses = keys.Select(k => (string?)Request.Form[MeasureEntry.Field(Chosen, k)].ToString()).ToArray();
        // The items are checked here too, so their errors come with the rest of the form's rather than after them.
        foreach (var refusal in MeasureEntry.Refusals(Chosen, MeasureEntry.Score(Chosen, responses, null, null)))
        {
            v.Add(refusal.Field, refusal.Message);
        }
        return await SaveAsync(async () =>
            {
                v.ThrowIfAny();
                await measures.RecordAsync(Actor, new NewAdministration(Episode, PersonId!.Value, Chosen.Id, point, number, respondent, date!.Value, responses), ct);
            },
            () => RedirectToPage("/Measures/Person", new { id = PersonId, recorded = Chosen.Id }), nameof(CompletedOn), () =>
            {
                BuildFields();
                return Task.CompletedTask;
            });
    }

    private DateOnly? ReadDate(Validator v)
    {
        if (CompletedOn.Value is { } date)
        {
            return date;
        }
        v.Add(nameof(CompletedOn), t["Enter the date the form was completed, for example 27 3 2026"]);
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var members = await measures.MembersAsync(Actor, Episode, ct);
        PersonChoices = members.Select(m => new Choice(m.PersonId.ToString(), m.Name,
            m.DateOfBirth is { } dob ? string.Format(CultureInfo.InvariantCulture, t["Born {0}"], dob.ToString("d MMMM yyyy", WebSetup.Culture)) : null)).ToList();
        TimePointChoices = Enum.GetValues<TimePointKind>().Select(p => new Choice(p.ToString(), t[p switch
        {
            TimePointKind.Baseline => "Baseline",
            TimePointKind.Review => "Review",
            TimePointKind.Interval => "Regular interval",
            TimePointKind.Closure => "Closure",
            _ => "Follow-up after closure",
        }])).ToList();
        RespondentChoices = Enum.GetValues<RespondentKind>().Select(r => new Choice(r.ToString(), t[r.ToString()])).ToList();
        Chosen = Instrument is null ? null : InstrumentCatalog.FindForm(Instrument);
        BuildFields();
    }

    private void BuildFields()
    {
        if (Chosen is null)
        {
            return;
        }
        Fields = Chosen.Definition.Items.Select(item =>
        {
            var name = MeasureEntry.Field(Chosen, item.Key);
            var legend = string.Format(CultureInfo.InvariantCulture, t["Item {0}"], item.Key);
            var label = labels.Item(Chosen.Id, item.Key) is { } text ? $"{legend}: {text}" : legend;
            if (item.Optional)
            {
                label += " " + t["(optional)"];
            }
            var choices = Enumerable.Range(item.Min, item.Max - item.Min + 1)
                .Select(n => new Choice(n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture)))
                .Append(new Choice("", t["Not answered"]))
                .ToList();
            return new EntryField(name, label, legend, choices, Posted(name), ErrorFor(name));
        }).ToList();
    }

    private string? Posted(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : null;
}
