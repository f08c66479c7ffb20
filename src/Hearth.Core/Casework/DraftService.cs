using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

/// <summary>
/// The one way Hearth keeps a half-filled form: server-side drafts, keyed by user, form and record, saved on every post
/// and resumed on the next visit (a long form's posted fields, or a question-page journey's answers so far). They live in the database, not the session, so an expired sign-in or a closed browser
/// loses nothing. A draft is discarded when its form is submitted.
/// Drafts are only their user's working copy, so their saves write no audit events (see <see cref="Draft"/>).
/// </summary>
public sealed class DraftService(HearthDbContext db)
{
    /// <summary>Keeps a long form's posted fields.</summary>
    public Task SaveAsync(ActorContext actor, string form, string recordKey, IReadOnlyDictionary<string, string?> fields, CancellationToken ct = default) =>
        SaveAnswersAsync(actor, form, recordKey, fields, ct);

    /// <summary>The answers kept by <see cref="SaveAnswersAsync{T}"/>, or null when the user has none for this record.</summary>
    public async Task<T?> LoadAnswersAsync<T>(ActorContext actor, string form, string recordKey, CancellationToken ct = default) where T : class
    {
        if (actor.UserId is not { } userId)
        {
            return null;
        }
        var json = await db.Set<Draft>().AsNoTracking().Where(d => d.UserId == userId && d.Form == form && d.RecordKey == recordKey).Select(d => d.FieldsJson).SingleOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<T>(json);
    }

    /// <summary>Keeps the answers of a question-page journey (check your answers at the end) as one object.</summary>
    public async Task SaveAnswersAsync<T>(ActorContext actor, string form, string recordKey, T answers, CancellationToken ct = default) where T : class
    {
        var json = JsonSerializer.Serialize(answers);
        var userId = actor.UserId ?? throw new AccessDeniedException("Only a signed-in user has drafts.");
        if (json.Length > 200_000)
        {
            throw new ValidationFailedException("Draft", "The form is too long to keep as a draft");
        }
        var draft = await db.Set<Draft>().SingleOrDefaultAsync(d => d.UserId == userId && d.Form == form && d.RecordKey == recordKey, ct);
        if (draft is null)
        {
            db.Add(new Draft { UserId = userId, Form = form, RecordKey = recordKey, FieldsJson = json, SavedAt = db.Time.GetUtcNow() });
        }
        else
        {
            draft.FieldsJson = json;
            draft.SavedAt = db.Time.GetUtcNow();
        }
        await db.SaveChangesAsync(actor, ct);
    }

    public async Task<IReadOnlyDictionary<string, string?>?> LoadAsync(ActorContext actor, string form, string recordKey, CancellationToken ct = default) =>
        await LoadAnswersAsync<Dictionary<string, string?>>(actor, form, recordKey, ct);

    public async Task DiscardAsync(ActorContext actor, string form, string recordKey, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return;
        }
        var draft = await db.Set<Draft>().SingleOrDefaultAsync(d => d.UserId == userId && d.Form == form && d.RecordKey == recordKey, ct);
        if (draft is not null)
        {
            db.Remove(draft);
            await db.SaveChangesAsync(actor, ct);
        }
    }
}
