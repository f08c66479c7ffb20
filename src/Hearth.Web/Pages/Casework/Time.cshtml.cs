using Hearth.Core.Security;
using Hearth.Core;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// A worker's time: the last four weeks split between families and other work (agency liaison, travel, training,
/// supervision, admin), and a form to log time not spent with a family.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class TimeModel(SessionService sessions, DueList due, TimeProvider time) : CaseworkPageModel
{
    public const int PeriodDays = 28;

    [FromQuery(Name = "worker")] public Guid? WorkerId { get; set; }
    [BindProperty] public DateParts Date { get; set; } = new();
    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public string? Activity { get; set; }
    [BindProperty] public string? Note { get; set; }

    public WorkerTimeSplit? Split { get; private set; }
    public bool Logged { get; private set; }

    public static IReadOnlyList<Choice> Activities { get; } = Enum.GetValues<NonFamilyActivity>().Select(a => new Choice(a.ToString(), Label(a))).ToList();

    public static string Label(NonFamilyActivity activity) => activity switch
    {
        NonFamilyActivity.AgencyLiaison => "Liaison with other agencies",
        NonFamilyActivity.Travel => "Travel",
        NonFamilyActivity.Training => "Training",
        NonFamilyActivity.Supervision => "Supervision",
        _ => "Admin",
    };

    public static string Share(int minutes, int total) => total == 0 ? "0%" : $"{Math.Round(100.0 * minutes / total, MidpointRounding.AwayFromZero):0}%";

    public async Task<IActionResult> OnGetAsync(bool logged, CancellationToken ct)
    {
        Logged = logged;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Split is null)
        {
            return Page();
        }
        if (Date.Value is null)
        {
            Errors.Add(new FieldError("Date", "Enter the date, for example 27 3 2026"));
        }
        if (!int.TryParse(Minutes, out var minutes))
        {
            Errors.Add(new FieldError("Minutes", "Enter the time spent as a whole number of minutes, for example 45"));
        }
        if (!Enum.TryParse<NonFamilyActivity>(Activity, out var activity) || !Enum.IsDefined(activity))
        {
            Errors.Add(new FieldError("Activity", "Select what the time was spent on"));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        return await SaveAsync(() => sessions.LogWorkerTimeAsync(Actor, new WorkerTimeInput(Split.WorkerId, Date.Value!.Value, minutes, activity, Note), ct), () => RedirectToPage("/Casework/Time", new { logged = "true", worker = WorkerId }), "Version");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var worker = WorkerId ?? await due.WorkerOfUserAsync(Actor.UserId!.Value, ct);
        if (worker is { } w)
        {
            var today = time.TodayInUk();
            Split = await sessions.TimeSplitAsync(Actor, w, today.AddDays(1 - PeriodDays), today, ct);
        }
    }

    public static string Hours(int minutes) => EpisodeModel.Hours(minutes);
}
