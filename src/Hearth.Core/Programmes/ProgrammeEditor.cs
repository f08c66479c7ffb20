using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Programmes;

/// <summary>A phase as typed on the phase form. Numbers arrive as text so that one check names every bad field.</summary>
/// <param name="ReviewMonths">Review points in months from the phase start, e.g. "1, 3, 6, 12".</param>
/// <param name="ReviewEveryWeeks">A recurring review every so many weeks while the phase lasts.</param>
/// <param name="Position">Where the phase comes, 1 for first; empty keeps its place (or puts a new phase last).</param>
public sealed record PhaseForm(string? Key, string? Name, string? ExpectedMinDays, string? ExpectedMaxDays, bool Intensive, bool IsAssessment,
    string? ReviewMonths, string? ReviewEveryWeeks, string? Position = null);

public sealed record EligibilityForm(string? Key, string? Question, bool RequiredYes = true);

/// <summary>An instrument due for a respondent, as typed: which ages, and at which time points.</summary>
public sealed record InstrumentForm(string? Instrument, string? Respondent, string? MinAgeYears, string? MaxAgeYears,
    bool AtBaseline, bool AtReviews, string? EveryMonths, bool AtClosure);

public sealed record ProgrammeSettingsForm(string? Name, string? MaxBoosterSessions, string? ReopenWindowDays);

/// <summary>A draft beside the version it follows, and what publishing it would change.</summary>
public sealed record DraftPreview(ProgrammeDraft Draft, ProgrammeVersion BasedOn, IReadOnlyList<ProgrammeChange> Changes);

/// <summary>
/// Edits the next version of a programme as a <see cref="ProgrammeDraft"/>, part by part, and publishes it as a new
/// dated <see cref="ProgrammeVersion"/>. Every edit takes the draft version the administrator read, is checked whole
/// (nothing is saved when a field is wrong) and is audited; published versions are never changed.
/// </summary>
public sealed partial class ProgrammeEditor(HearthDbContext db, ProgrammeService programmes)
{
    public async Task<ProgrammeDraft?> DraftAsync(ActorContext actor, string code, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        return await db.Set<ProgrammeDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, ct);
    }

    /// <summary>Starts the next version from the latest one; an existing draft is returned as it is, not replaced.</summary>
    public async Task<ProgrammeDraft> StartDraftAsync(ActorContext actor, string code, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        if (await db.Set<ProgrammeDraft>().AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, ct) is { } existing)
        {
            return existing;
        }
        var latest = await programmes.LatestAsync(code, ct) ?? throw new ValidationFailedException("Code", $"There is no programme '{code}'");
        var draft = new ProgrammeDraft
        {
            Code = latest.Code,
            Name = latest.Name,
            BasedOnNumber = latest.Number,
            DefinitionJson = latest.DefinitionJson,
            StartedAt = db.Time.GetUtcNow(),
            StartedBy = actor.Name,
        };
        db.Add(draft);
        await db.SaveChangesAsync(actor, ct);
        return draft;
    }

    /// <summary>Adds a phase (<paramref name="key"/> null) or changes the phase with that key. A phase's key never changes: episodes record it.</summary>
    public Task<ProgrammeDraft> SavePhaseAsync(ActorContext actor, string code, int version, string? key, PhaseForm form, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, v) =>
        {
            var phases = definition.Phases.ToList();
            var index = key is null ? -1 : phases.FindIndex(p => p.Key == key);
            if (key is not null && index < 0)
            {
                throw new ValidationFailedException("Key", $"The draft has no phase '{key}'");
            }
            var newKey = key ?? (form.Key ?? "").Trim();
            if (key is null)
            {
                RequireKey(v, "Key", newKey, "phase");
                if (phases.Any(p => p.Key == newKey))
                {
                    v.Add("Key", $"The programme already has a phase with the key '{newKey}'");
                }
            }
            v.Require("Name", form.Name, "Enter the phase name").MaxLength("Name", form.Name, 200, "Phase name");
            var min = WholeNumber(v, "ExpectedMinDays", form.ExpectedMinDays, "the shortest expected length in days", "Shortest expected length", 0, 3660, required: false) ?? 0;
            var max = WholeNumber(v, "ExpectedMaxDays", form.ExpectedMaxDays, "the longest expected length in days", "Longest expected length", 0, 3660, required: true);
            if (max is not null && min > max)
            {
                v.Add("ExpectedMaxDays", "Longest expected length must be the same as or more than the shortest");
            }
            var months = NumberList(v, "ReviewMonths", form.ReviewMonths, "Review points in months", 1, 120);
            var weeks = WholeNumber(v, "ReviewEveryWeeks", form.ReviewEveryWeeks, "", "Recurring review interval", 1, 104, required: false);
            var others = phases.Where((_, i) => i != index).ToList();
            var position = WholeNumber(v, "Position", form.Position, "", "Position", 1, others.Count + 1, required: false);
            if (form.IsAssessment && others.FirstOrDefault(p => p.IsAssessment) is { } assessment)
            {
                v.Add("IsAssessment", $"Only one phase can be the assessment, and {assessment.Name} already is");
            }
            if (v.Errors.Count > 0)
            {
                return definition;
            }
            var old = index >= 0 ? phases[index] : null;
            var phase = (old ?? new PhaseDefinition { Key = newKey, Name = "" }) with
            {
                Name = form.Name!.Trim(),
                ExpectedMinDays = min,
                ExpectedMaxDays = max!.Value,
                Intensive = form.Intensive,
                IsAssessment = form.IsAssessment,
                Reviews = [.. months.Select(m => new ReviewPoint(MonthsFromStart: m)), .. weeks is { } w ? [new ReviewPoint(EveryWeeks: w)] : Array.Empty<ReviewPoint>()],
            };
            var at = position is { } p ? p - 1 : index >= 0 ? index : others.Count;
            others.Insert(at, phase);
            var changed = definition with { Phases = others };
            if (changed.Problems().Contains("An intensive phase cannot come before the assessment"))
            {
                v.Add(form.Intensive ? "Intensive" : "Position", "An intensive phase cannot come before the assessment");
            }
            return changed;
        });

    /// <summary>Adds an eligibility question (<paramref name="key"/> null) or changes the one with that key.</summary>
    public Task<ProgrammeDraft> SaveEligibilityAsync(ActorContext actor, string code, int version, string? key, EligibilityForm form, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, v) =>
        {
            var questions = definition.Eligibility.ToList();
            var index = key is null ? -1 : questions.FindIndex(q => q.Key == key);
            if (key is not null && index < 0)
            {
                throw new ValidationFailedException("Key", $"The draft has no eligibility question '{key}'");
            }
            var newKey = key ?? (form.Key ?? "").Trim();
            if (key is null)
            {
                RequireKey(v, "Key", newKey, "question");
                if (questions.Any(q => q.Key == newKey))
                {
                    v.Add("Key", $"The programme already has an eligibility question with the key '{newKey}'");
                }
            }
            v.Require("Question", form.Question, "Enter the eligibility question").MaxLength("Question", form.Question, 300, "Eligibility question");
            if (v.Errors.Count > 0)
            {
                return definition;
            }
            var question = new EligibilityQuestion(newKey, form.Question!.Trim(), form.RequiredYes);
            if (index >= 0)
            {
                questions[index] = question;
            }
            else
            {
                questions.Add(question);
            }
            return definition with { Eligibility = questions };
        });

    /// <summary>Adds an instrument schedule (<paramref name="index"/> null) or changes the one at that place in the list.</summary>
    public Task<ProgrammeDraft> SaveInstrumentAsync(ActorContext actor, string code, int version, int? index, InstrumentForm form, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, v) =>
        {
            var measures = definition.Measures.ToList();
            if (index is { } i && (i < 0 || i >= measures.Count))
            {
                throw new ValidationFailedException("Instrument", "The draft has no such instrument schedule");
            }
            var instrument = InstrumentCatalog.Find(form.Instrument ?? "");
            if (string.IsNullOrWhiteSpace(form.Instrument))
            {
                v.Add("Instrument", "Select the instrument");
            }
            else if (instrument is null)
            {
                v.Add("Instrument", $"Instrument '{form.Instrument}' is not known");
            }
            Respondent? respondent = Enum.TryParse<Respondent>(form.Respondent, ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;
            if (respondent is null)
            {
                v.Add("Respondent", string.IsNullOrWhiteSpace(form.Respondent) ? "Select who completes it" : $"Respondent '{form.Respondent}' is not known");
            }
            var minAge = WholeNumber(v, "MinAgeYears", form.MinAgeYears, "the youngest age it is due for", "Youngest age", 0, 120, required: true);
            var maxAge = WholeNumber(v, "MaxAgeYears", form.MaxAgeYears, "", "Oldest age", 0, 120, required: false);
            if (minAge is not null && maxAge < minAge)
            {
                v.Add("MaxAgeYears", "Oldest age must be the same as or more than the youngest");
            }
            var every = WholeNumber(v, "EveryMonths", form.EveryMonths, "", "Interval in months", 1, 60, required: false);
            if (!form.AtBaseline && !form.AtReviews && !form.AtClosure && every is null && v.Errors.All(e => e.Field != "EveryMonths"))
            {
                v.Add("When", "Select when the instrument is due, or give an interval in months");
            }
            if (v.Errors.Count > 0)
            {
                return definition;
            }
            var schedule = new MeasureSchedule
            {
                Instrument = instrument!.Id, Respondent = respondent!.Value, MinAgeYears = minAge!.Value, MaxAgeYears = maxAge,
                AtBaseline = form.AtBaseline, AtReviews = form.AtReviews, EveryMonths = every, AtClosure = form.AtClosure,
            };
            if (index is { } at)
            {
                measures[at] = schedule;
            }
            else
            {
                measures.Add(schedule);
            }
            return definition with { Measures = measures };
        });

    /// <summary>The reasons a worker may choose when closing an episode; at least one.</summary>
    public Task<ProgrammeDraft> SaveClosureReasonsAsync(ActorContext actor, string code, int version, IReadOnlyCollection<string> reasons, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, v) =>
        {
            var chosen = new List<ClosureReason>();
            foreach (var reason in reasons)
            {
                if (Enum.TryParse<ClosureReason>(reason, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                {
                    chosen.Add(parsed);
                }
                else
                {
                    v.Add("ClosureReasons", $"Closure reason '{reason}' is not known");
                }
            }
            if (reasons.Count == 0)
            {
                v.Add("ClosureReasons", "Select at least one closure reason");
            }
            // Kept in the order of the list a worker chooses from, whatever order the form sent them in.
            return definition with { ClosureReasons = Enum.GetValues<ClosureReason>().Where(chosen.Contains).ToList() };
        });

    public Task<ProgrammeDraft> SaveSettingsAsync(ActorContext actor, string code, int version, ProgrammeSettingsForm form, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, v) =>
        {
            v.Require("Name", form.Name, "Enter the programme name").MaxLength("Name", form.Name, 200, "Programme name");
            var boosters = WholeNumber(v, "MaxBoosterSessions", form.MaxBoosterSessions, "the maximum number of booster sessions", "Maximum booster sessions", 0, 50, required: true);
            var reopen = WholeNumber(v, "ReopenWindowDays", form.ReopenWindowDays, "the reopen window in days", "Reopen window", 0, 3660, required: true);
            return v.Errors.Count > 0 ? definition : definition with { MaxBoosterSessions = boosters!.Value, ReopenWindowDays = reopen!.Value };
        }, draft => draft.Name = form.Name!.Trim());

    public Task<ProgrammeDraft> RemovePhaseAsync(ActorContext actor, string code, int version, string key, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, v) =>
        {
            if (definition.Phases.Count == 1 && definition.Phases[0].Key == key)
            {
                v.Add("Phases", "A programme needs at least one phase");
            }
            return definition with { Phases = definition.Phases.Where(p => p.Key != key).ToList() };
        });

    public Task<ProgrammeDraft> RemoveEligibilityAsync(ActorContext actor, string code, int version, string key, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, _) => definition with { Eligibility = definition.Eligibility.Where(q => q.Key != key).ToList() });

    public Task<ProgrammeDraft> RemoveInstrumentAsync(ActorContext actor, string code, int version, int index, CancellationToken ct = default) =>
        EditAsync(actor, code, version, ct, (definition, _) => definition with { Measures = definition.Measures.Where((_, i) => i != index).ToList() });

    /// <summary>The draft and what publishing it would change, compared with the version it was started from.</summary>
    public async Task<DraftPreview?> PreviewAsync(ActorContext actor, string code, Func<Enum, string>? label = null, CancellationToken ct = default)
    {
        var draft = await DraftAsync(actor, code, ct);
        if (draft is null)
        {
            return null;
        }
        var basedOn = await programmes.VersionAsync(code, draft.BasedOnNumber, ct) ?? throw new InvalidOperationException("A draft's version is missing.");
        return new DraftPreview(draft, basedOn, ProgrammeChanges.Compare(basedOn.Name, basedOn.Definition, draft.Name, draft.Definition, label));
    }

    /// <summary>
    /// Publishes the draft as the next version, taking effect on <paramref name="effectiveFrom"/>, and removes the draft, in
    /// one save. Refused when the draft changes nothing, or when another version was published after it was started.
    /// </summary>
    public async Task<ProgrammeVersion> PublishAsync(ActorContext actor, string code, int version, DateOnly? effectiveFrom, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var draft = await LoadAsync(code, version, ct);
        var latest = await programmes.LatestAsync(code, ct);
        if (latest is null || latest.Number != draft.BasedOnNumber)
        {
            throw new ConcurrencyConflictException("programme");
        }
        var definition = draft.Definition;
        var v = new Validator();
        if (ProgrammeChanges.Compare(latest.Name, latest.Definition, draft.Name, definition).Count == 0)
        {
            v.Add("Draft", $"The draft makes no changes to version {latest.Number}");
        }
        ProgrammeVersion next;
        try
        {
            (next, _) = await programmes.PrepareAsync(actor, code, draft.Name, definition, effectiveFrom, ct);
        }
        catch (ValidationFailedException e)
        {
            throw new ValidationFailedException([.. v.Errors, .. e.Errors]);
        }
        v.ThrowIfAny();
        db.Add(next);
        db.Remove(draft);
        await db.SaveChangesAsync(actor, ct);
        return next;
    }

    public async Task DiscardAsync(ActorContext actor, string code, int version, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        db.Remove(await LoadAsync(code, version, ct));
        await db.SaveChangesAsync(actor, ct);
    }

    private async Task<ProgrammeDraft> EditAsync(ActorContext actor, string code, int version, CancellationToken ct,
        Func<ProgrammeDefinition, Validator, ProgrammeDefinition> change, Action<ProgrammeDraft>? alsoChange = null)
    {
        actor.Demand(Permission.Administer);
        var draft = await LoadAsync(code, version, ct);
        var v = new Validator();
        var changed = change(draft.Definition, v);
        v.ThrowIfAny();
        draft.DefinitionJson = changed.ToJson();
        alsoChange?.Invoke(draft);
        await db.SaveChangesAsync(actor, ct);
        return draft;
    }

    private async Task<ProgrammeDraft> LoadAsync(string code, int version, CancellationToken ct)
    {
        var draft = await db.Set<ProgrammeDraft>().SingleOrDefaultAsync(d => d.Code == code, ct)
            ?? throw new ValidationFailedException("Draft", $"There is no draft of programme '{code}': start one first");
        if (draft.Version != version)
        {
            throw new ConcurrencyConflictException("programme draft");
        }
        // Set as read so the database checks it too, should another edit land between this read and the save.
        draft.Version = version;
        return draft;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,49}$")]
    private static partial Regex KeyPattern();

    private static void RequireKey(Validator v, string field, string key, string what)
    {
        if (key.Length == 0)
        {
            v.Add(field, $"Enter the {what}'s key");
        }
        else if (!KeyPattern().IsMatch(key))
        {
            v.Add(field, $"The {what}'s key must be 50 characters or fewer: lower-case letters, digits, hyphens and underscores");
        }
    }

    private static int? WholeNumber(Validator v, string field, string? text, string missing, string label, int min, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                v.Add(field, $"Enter {missing}");
            }
            return null;
        }
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            v.Add(field, $"{label} must be a whole number");
            return null;
        }
        if (n < min || n > max)
        {
            v.Add(field, $"{label} must be between {min} and {max}");
            return null;
        }
        return n;
    }

    private static IReadOnlyList<int> NumberList(Validator v, string field, string? text, string label, int min, int max)
    {
        var numbers = new List<int>();
        foreach (var part in (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                v.Add(field, $"{label} must be whole numbers between {min} and {max}, separated by commas, for example 1, 3, 6");
                return [];
            }
            numbers.Add(n);
        }
        if (numbers.Distinct().Count() != numbers.Count)
        {
            v.Add(field, $"{label} must not repeat a month");
        }
        return numbers.Order().ToList();
    }
}
