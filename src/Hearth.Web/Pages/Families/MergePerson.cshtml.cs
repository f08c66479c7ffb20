using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>
/// Merges a duplicate record into a family member: the possible duplicates within the manager's teams are offered (the
/// same check as adding a person), and the merge needs a reason. Each choice carries the version the manager saw, so a
/// record changed meanwhile is refused rather than merged as it no longer is.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class MergePersonModel(FamilyRecordService records, PeopleService people, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? MergeId { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public FamilyRecord Record { get; private set; } = null!;
    public Person Person { get; private set; } = null!;
    public IReadOnlyList<(DuplicateCandidate Candidate, int Version)> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid person, CancellationToken ct)
    {
        if (!await LoadAsync(id, person, ct))
        {
            return NotFound();
        }
        Version = Person.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid person, CancellationToken ct)
    {
        if (!await LoadAsync(id, person, ct))
        {
            return NotFound();
        }
        var parts = (MergeId ?? "").Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var mergeId) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mergeVersion))
        {
            Errors.Add(new FieldError(nameof(MergeId), t["Choose the record to merge into this one"]));
            return Page();
        }
        return await SaveAsync(() => people.MergeAsync(Actor, person, Version, mergeId, mergeVersion, Reason ?? "", ct), () => RedirectToPage("/Families/Show", new { id, person = "merged" }), nameof(MergeId));
    }

    private async Task<bool> LoadAsync(Guid id, Guid person, CancellationToken ct)
    {
        Record = await records.ReadAsync(Actor, id, ct);
        if (Record.Members.FirstOrDefault(m => m.Person.Id == person)?.Person is not { } member)
        {
            return false;
        }
        Person = member;
        var found = await people.FindDuplicatesAsync(Actor, new NewPerson(id, member.GivenName, member.FamilyName, member.DateOfBirth)
        {
            CouncilChildId = member.CouncilChildId, Upn = member.Upn, NhsNumber = member.NhsNumber,
        }, member.Id, ct);
        var candidates = new List<(DuplicateCandidate, int)>();
        foreach (var candidate in found)
        {
            candidates.Add((candidate, (await people.ReadPersonAsync(Actor, candidate.PersonId, ct)).Version));
        }
        Candidates = candidates;
        return true;
    }
}
