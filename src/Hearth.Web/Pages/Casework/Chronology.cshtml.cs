using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Casework;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>The family's chronology (the same one the family record shows), filterable by kind and member, and printable.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class ChronologyModel(Chronology chronology) : CaseworkPageModel
{
    [FromQuery(Name = "type")] public string? Type { get; set; }
    [FromQuery(Name = "person")] public string? Person { get; set; }
    /// <summary>The episode the user came from, for the back link.</summary>
    [FromQuery(Name = "episode")] public Guid? EpisodeId { get; set; }

    public FamilyTimeline Timeline { get; private set; } = null!;

    public static IReadOnlyList<Choice> Kinds { get; } = Enum.GetValues<ChronologyKind>().Select(k => new Choice(k.ToString(), Hearth.Core.Casework.Chronology.Label(k))).ToList();

    public IReadOnlyList<Choice> Members => Timeline.Members.Select(m => new Choice(m.Id.ToString(), m.Name)).ToList();

    public string? Filtered => (Kind, PersonId) switch
    {
        (null, null) => null,
        ({ } k, null) => $"{Hearth.Core.Casework.Chronology.Label(k)} entries only",
        (null, { } p) => $"Entries about {Timeline.Members.FirstOrDefault(m => m.Id == p)?.Name}",
        ({ } k, { } p) => $"{Hearth.Core.Casework.Chronology.Label(k)} entries about {Timeline.Members.FirstOrDefault(m => m.Id == p)?.Name}",
    };

    private ChronologyKind? Kind => Enum.TryParse<ChronologyKind>(Type, out var k) && Enum.IsDefined(k) ? k : null;
    private Guid? PersonId => Guid.TryParse(Person, out var p) ? p : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Timeline = await chronology.TimelineAsync(Actor, id, Kind, PersonId, ct);
        return Page();
    }
}
