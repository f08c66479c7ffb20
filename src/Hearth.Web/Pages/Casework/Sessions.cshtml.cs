using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// An episode's sessions: the form to record one (or, with "Add another session", several from a day, saved together
/// or not at all; rows left blank are ignored), a confirmation when they are saved, and every past session with its
/// note, newest first.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class SessionsModel(EpisodeService episodes, SessionService sessions, DueList due) : CaseworkPageModel
{
    /// <summary>How many sessions one form can hold.</summary>
    public const int MaxRows = 10;

    /// <summary>The longest note a session keeps (SessionService refuses a longer one).</summary>
    public const int NoteMaxLength = 4000;

    public sealed class Row
    {
        public DateParts Date { get; set; } = new();
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Type { get; set; }
        public string? Mode { get; set; }
        public List<Guid> PersonIds { get; set; } = [];
        public string? OtherProfessionals { get; set; }
        public string? Place { get; set; }
        public string? Note { get; set; }

        public bool IsBlank => Date.IsEmpty && string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End) && string.IsNullOrWhiteSpace(Note);
    }

    [BindProperty] public List<Row> Rows { get; set; } = [];

    /// <summary>How many sessions the last save recorded, for the confirmation banner.</summary>
    [FromQuery(Name = "recorded")] public int? Recorded { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public IReadOnlyList<Session> Past { get; private set; } = [];
    public IReadOnlyList<Choice> Members => Summary.Members.Select(m => new Choice(m.Id.ToString(), m.Name)).ToList();

    public static IReadOnlyList<Choice> Types { get; } = Enum.GetValues<SessionType>().Select(t => new Choice(t.ToString(), SessionTypes.Label(t))).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        await LoadPastAsync(id, ct);
        Rows = [new Row()];
        return Page();
    }

    /// <summary>"Add another session": the form again with one more row, nothing saved or checked yet.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        await LoadPastAsync(id, ct);
        ModelState.Clear();
        if (Rows.Count < MaxRows)
        {
            Rows.Add(new Row());
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Recorded = null;
        var worker = await due.WorkerOfUserAsync(Actor.UserId!.Value, ct);
        var inputs = new List<SessionInput>();
        var rowOf = new List<int>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.IsBlank)
            {
                continue;
            }
            var prefix = $"Rows[{i}].";
            var date = row.Date.Value;
            var start = ParseTime(row.Start);
            var end = ParseTime(row.End);
            if (date is null)
            {
                Errors.Add(new FieldError(prefix + "Date", $"Session {i + 1}: enter a real date, for example 27 3 2026"));
            }
            if (start is null)
            {
                Errors.Add(new FieldError(prefix + "Start", $"Session {i + 1}: enter the start time, for example 14:30"));
            }
            if (end is null)
            {
                Errors.Add(new FieldError(prefix + "End", $"Session {i + 1}: enter the end time, for example 15:45"));
            }
            if (!Enum.TryParse<SessionType>(row.Type, out var type))
            {
                Errors.Add(new FieldError(prefix + "Type", $"Session {i + 1}: choose the type of session"));
            }
            if (date is { } d && start is { } s && end is { } e)
            {
                inputs.Add(new SessionInput(id, d, s, e, type, row.Mode == "emergency", row.PersonIds, worker is { } w ? [w] : [], row.OtherProfessionals, row.Place, row.Note));
                rowOf.Add(i);
            }
        }
        if (Rows.All(r => r.IsBlank))
        {
            Errors.Add(new FieldError("Rows[0].Date", "Enter at least one session"));
        }
        if (worker is null)
        {
            Errors.Add(new FieldError("Rows[0].Date", "You have no staff record, so sessions cannot be recorded as yours; ask an administrator"));
        }
        return await SaveAsync(() => sessions.RecordManyAsync(Actor, inputs, ct), () => RedirectToPage("/Casework/Sessions", new { id, recorded = inputs.Count }), "Rows[0].Date",
            async () =>
            {
                if (Rows.Count == 0)
                {
                    Rows.Add(new Row());
                }
                await LoadPastAsync(id, ct);
            },
            // Core names fields by position in the batch ("Sessions[1].End", or just "End" for one); map them to form rows.
            mapError: error =>
            {
                var (index, field) = Split(error.Field);
                var row = index is { } n && n < rowOf.Count ? rowOf[n] : rowOf.FirstOrDefault();
                return new FieldError($"Rows[{row}].{(field == "WorkerIds" ? "Date" : field)}", $"Session {row + 1}: {error.Message}");
            });
    }

    private static (int? Index, string Field) Split(string field)
    {
        if (field.StartsWith("Sessions[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']');
            return (int.Parse(field[9..close], System.Globalization.CultureInfo.InvariantCulture), field[(close + 2)..]);
        }
        return (null, field);
    }

    /// <summary>The past sessions, read (and audited) only when the page is drawn, not on a save that redirects.</summary>
    private async Task LoadPastAsync(Guid id, CancellationToken ct) => Past = await sessions.SessionsAsync(Actor, id, ct);

    /// <summary>Who took part: the family members by name, then any other professionals.</summary>
    public string TookPart(Session session)
    {
        var names = session.PersonIds.Select(p => Summary.Members.FirstOrDefault(m => m.Id == p)?.Name).OfType<string>().ToList();
        if (!string.IsNullOrWhiteSpace(session.OtherProfessionals))
        {
            names.Add(session.OtherProfessionals);
        }
        return string.Join(", ", names);
    }
}
