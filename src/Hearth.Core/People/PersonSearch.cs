using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

/// <summary>What the search box was understood to hold; recorded in the audit trail instead of the words themselves.</summary>
public enum SearchCriterion
{
    Name,
    DateOfBirth,
    NameAndDateOfBirth,
    NhsNumber,
    Upn,
    Postcode,
    /// <summary>A family reference or a council child ID (one word that is neither a date nor another identifier may be either, or a name).</summary>
    Reference,
}

/// <summary>The search box, read: the date of birth, postcode or identifier it holds, and the name words left over.</summary>
public sealed partial record SearchQuery(SearchCriterion Criterion, IReadOnlyList<string> NameWords, DateOnly? DateOfBirth, string? Identifier)
{
    /// <summary>Reads what a worker types: "Kayleigh Jones", "Jones, Kayleigh 3/4/2015", "943 476 5919", "cf10 1ep", "P-123".</summary>
    public static SearchQuery Parse(string? text)
    {
        var q = (text ?? "").Trim();
        if (q.Length == 0)
        {
            throw new ValidationFailedException("q", "Enter a name, date of birth, reference, UPN, NHS number or postcode");
        }
        if (q.Length > 200)
        {
            throw new ValidationFailedException("q", "Search must be 200 characters or fewer");
        }
        var compact = q.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (compact.Length == 10 && compact.All(char.IsAsciiDigit))
        {
            return new SearchQuery(SearchCriterion.NhsNumber, [], null, compact);
        }
        if (compact.Length == 13 && Upn().IsMatch(compact))
        {
            return new SearchQuery(SearchCriterion.Upn, [], null, compact.ToUpperInvariant());
        }
        if (Identifiers.NormalisePostcode(q) is { } postcode)
        {
            return new SearchQuery(SearchCriterion.Postcode, [], null, postcode);
        }
        var dateMatch = DateText().Match(q);
        DateOnly? dob = dateMatch.Success ? ReadDate(dateMatch) : null;
        var rest = dob is null ? q : q.Remove(dateMatch.Index, dateMatch.Length);
        var words = NameWord().Matches(rest).Select(m => m.Value).Where(w => NameMatching.Normalise(w).Length > 0).ToList();
        if (dob is not null)
        {
            return new SearchQuery(words.Count == 0 ? SearchCriterion.DateOfBirth : SearchCriterion.NameAndDateOfBirth, words, dob, null);
        }
        if (dateMatch.Success)
        {
            throw new ValidationFailedException("q", "Date of birth must be a real date, for example 27 3 2015");
        }
        var oneWord = !q.Any(char.IsWhiteSpace);
        if (oneWord && (q.Any(char.IsAsciiDigit) || words.Count == 0))
        {
            // Names have no digits: "FAM-991" or "LA-778" is a family reference or a council child ID.
            return new SearchQuery(SearchCriterion.Reference, [], null, q);
        }
        if (words.Count == 0)
        {
            // Several groups of digits that are no date: most likely a date with a short year ("3 4 15").
            throw new ValidationFailedException("q", "Enter a date of birth with the year in full, for example 27 3 2015, or a name or reference");
        }
        // One word may also be a reference or council child ID made of letters: both are looked up.
        return new SearchQuery(SearchCriterion.Name, words, null, oneWord ? q : null);
    }

    private static DateOnly? ReadDate(Match m)
    {
        int day, month, year;
        if (m.Groups["iy"].Success)
        {
            (year, month, day) = (Int(m.Groups["iy"]), Int(m.Groups["im"]), Int(m.Groups["id"]));
        }
        else
        {
            (day, year) = (Int(m.Groups["d"]), Int(m.Groups["y"]));
            month = m.Groups["m"].Value is var text && text.All(char.IsAsciiDigit) ? Int(m.Groups["m"]) : MonthOf(text);
        }
        return year is >= 1900 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day) : null;
    }

    private static int Int(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);

    /// <summary>"April", "Apr" and "apr" are April, as GOV.UK's date input accepts month names.</summary>
    private static int MonthOf(string text)
    {
        var names = CultureInfo.GetCultureInfo("en-GB").DateTimeFormat;
        for (var i = 0; i < 12; i++)
        {
            if (text.Equals(names.MonthNames[i], StringComparison.OrdinalIgnoreCase) || text.Equals(names.AbbreviatedMonthNames[i], StringComparison.OrdinalIgnoreCase)
                || (text.Length >= 3 && names.MonthNames[i].StartsWith(text, StringComparison.OrdinalIgnoreCase)))
            {
                return i + 1;
            }
        }
        return 0;
    }

    // Day month year as GOV.UK writes it (3 4 2015, 3/4/2015, 3.4.2015, 3-4-2015, 3 April 2015) or ISO 2015-04-03.
    [GeneratedRegex(@"(?<!\w)(?:(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2})|(?<d>\d{1,2})[\s/.\-]+(?<m>\d{1,2}|[A-Za-z]{3,9})[\s/.\-]+(?<y>\d{4}))(?!\w)")]
    private static partial Regex DateText();

    [GeneratedRegex(@"[\p{L}\p{M}'’\-]+")]
    private static partial Regex NameWord();

    [GeneratedRegex("^[A-Za-z][0-9]{11}[0-9A-Za-z]$")]
    private static partial Regex Upn();
}

/// <summary>One person found: what the results table shows.</summary>
public sealed record PersonSearchResult(
    Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth, int? Age, Guid FamilyId, string FamilyReference,
    Guid TeamId, string TeamName, IReadOnlyList<string> AllocatedWorkers);

public sealed record PersonSearchPage(SearchCriterion Criterion, IReadOnlyList<PersonSearchResult> Results, int Total, int Page, int PageSize, bool MoreThanShown)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Finds people by name (typos, sound-alikes, swapped names), date of birth, council child ID, UPN, NHS number, postcode or
/// family reference, among the families the user may see. The database finds candidates through indexed columns (the
/// names' phonetic keys and lower-case forms kept by <see cref="PersonSearchKeys"/>, the identifiers, the date of birth),
/// at most <see cref="CandidateLimit"/> of them; they are then ranked by <see cref="NameMatching"/>'s edit distance.
/// Every search writes one audit event with the kind of criterion and the number found.
/// </summary>
public sealed class PersonSearch(HearthDbContext db)
{
    public const int CandidateLimit = 200;
    public const int DefaultPageSize = 25;

    public async Task<PersonSearchPage> SearchAsync(ActorContext actor, string? text, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var query = SearchQuery.Parse(text);
        var people = db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null && p.FamilyId != null);
        if (!actor.SeesAllTeams)
        {
            // A correlated check per candidate (the family by its key), so the name or identifier index leads, not the team's families.
            var visible = db.Set<Family>().InScope(actor);
            people = people.Where(p => visible.Any(f => f.Id == p.FamilyId));
        }

        var probes = Probes(query, people, actor).ToList();
        // Each lookup stops at the limit on its own index (UNION ALL of limited subqueries), so a common name costs no more
        // than a rare one; duplicates between lookups are removed here.
        var found = probes.Count == 0 ? [] : await probes.Select(p => p.Take(CandidateLimit + 1)).Aggregate((a, b) => a.Concat(b)).ToListAsync(ct);
        var candidateIds = found.Distinct().ToList();
        var more = candidateIds.Count > CandidateLimit;
        candidateIds = candidateIds.Take(CandidateLimit).ToList();

        var rows = await db.Set<Person>().AsNoTracking().Where(p => candidateIds.Contains(p.Id))
            .Join(db.Set<Family>(), p => p.FamilyId, f => f.Id, (p, f) => new { p.Id, p.GivenName, p.FamilyName, p.SearchGivenName, p.SearchFamilyName, p.DateOfBirth, p.CouncilChildId, FamilyId = f.Id, f.Reference, f.TeamId })
            .ToListAsync(ct);
        var ranked = rows
            .Select(r => (Row: r, Score: Score(query, r.SearchGivenName ?? "", r.SearchFamilyName ?? "",
                query.Identifier is { } id && (id.Equals(r.Reference, StringComparison.OrdinalIgnoreCase) || id.Equals(r.CouncilChildId, StringComparison.OrdinalIgnoreCase)))))
            .Where(x => x.Score is not null)
            .OrderBy(x => x.Score).ThenBy(x => x.Row.FamilyName).ThenBy(x => x.Row.GivenName).ThenBy(x => x.Row.DateOfBirth).ThenBy(x => x.Row.Id)
            .Select(x => x.Row).ToList();

        pageSize = Math.Clamp(pageSize, 1, CandidateLimit);
        var pages = Math.Max(1, (ranked.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = ranked.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var familyIds = shown.Select(r => r.FamilyId).Distinct().ToList();
        var teamIds = shown.Select(r => r.TeamId).Distinct().ToList();
        var teams = await db.Set<Team>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var workers = await AllocatedWorkersAsync(db, familyIds, ct);
        var today = db.Today();
        var results = shown.Select(r => new PersonSearchResult(r.Id, r.GivenName, r.FamilyName, r.DateOfBirth, MeasureEntry.AgeOn(r.DateOfBirth, today), r.FamilyId, r.Reference,
            r.TeamId, teams.GetValueOrDefault(r.TeamId, ""), workers.GetValueOrDefault(r.FamilyId, []))).ToList();

        await db.RecordSearchAsync(actor, query.Criterion.ToString(), ranked.Count, ct);
        return new PersonSearchPage(query.Criterion, results, ranked.Count, page, pageSize, more);
    }

    /// <summary>
    /// The workers holding each family's open episodes now (lead first), by name; what the families list and search show.
    /// </summary>
    internal static async Task<Dictionary<Guid, IReadOnlyList<string>>> AllocatedWorkersAsync(HearthDbContext db, IReadOnlyList<Guid> familyIds, CancellationToken ct)
    {
        var rows = await db.Set<Allocation>().AsNoTracking()
            .Where(a => a.To == null && a.Episode!.ClosedOn == null && familyIds.Contains(a.Episode.FamilyId))
            .Join(db.Set<Worker>(), a => a.WorkerId, w => w.Id, (a, w) => new { a.Episode!.FamilyId, a.IsLead, w.Name })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.FamilyId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)g.OrderByDescending(r => r.IsLead).ThenBy(r => r.Name, StringComparer.Ordinal).Select(r => r.Name).Distinct().ToList());
    }

    /// <summary>One indexed lookup per way the query can match; their union is the candidates.</summary>
    private IEnumerable<IQueryable<Guid>> Probes(SearchQuery query, IQueryable<Person> people, ActorContext actor)
    {
        switch (query.Criterion)
        {
            case SearchCriterion.NhsNumber:
                yield return people.Where(p => p.NhsNumber == query.Identifier).Select(p => p.Id);
                yield break;
            case SearchCriterion.Upn:
                yield return people.Where(p => p.Upn == query.Identifier).Select(p => p.Id);
                yield return people.Where(p => p.FormerUpn == query.Identifier).Select(p => p.Id);
                yield break;
            case SearchCriterion.Postcode:
                yield return people.Where(p => p.Postcode == query.Identifier).Select(p => p.Id);
                yield break;
            case SearchCriterion.DateOfBirth or SearchCriterion.NameAndDateOfBirth:
                // The date narrows enough on its own; the names then rank and filter the day's births.
                yield return people.Where(p => p.DateOfBirth == query.DateOfBirth).Select(p => p.Id);
                yield break;
        }
        if (query.Identifier is { } id)
        {
            var upper = id.ToUpperInvariant();
            var families = db.Set<Family>().InScope(actor).Where(f => f.Reference == id || f.Reference == upper).Select(f => f.Id);
            yield return people.Where(p => families.Contains(p.FamilyId!.Value)).Select(p => p.Id);
            yield return people.Where(p => p.CouncilChildId == id || p.CouncilChildId == upper).Select(p => p.Id);
        }
        var words = query.NameWords.Select(NameMatching.Normalise).ToList();
        if (words.Count == 1)
        {
            var (w, key) = (words[0], NameMatching.PhoneticKey(words[0]));
            var after = PrefixEnd(w);
            yield return people.Where(p => p.FamilyNameKey == key).Select(p => p.Id);
            yield return people.Where(p => p.GivenNameKey == key).Select(p => p.Id);
            yield return people.Where(p => string.Compare(p.SearchFamilyName, w) >= 0 && string.Compare(p.SearchFamilyName, after) < 0).Select(p => p.Id);
            yield return people.Where(p => string.Compare(p.SearchGivenName, w) >= 0 && string.Compare(p.SearchGivenName, after) < 0).Select(p => p.Id);
        }
        else if (words.Count > 1)
        {
            // First and last words; either may be the family name (swapped names).
            var (a, b) = (words[0], words[^1]);
            var (ka, kb) = (NameMatching.PhoneticKey(a), NameMatching.PhoneticKey(b));
            yield return people.Where(p => p.FamilyNameKey == kb && p.GivenNameKey == ka).Select(p => p.Id);
            yield return people.Where(p => p.FamilyNameKey == ka && p.GivenNameKey == kb).Select(p => p.Id);
            // A typo that changes the sound of the given name still finds the person by the family name's key and the given
            // name's first letter (an index range on family key and given name).
            var (fa, fb) = (a[..1], b[..1]);
            var (ea, eb) = (PrefixEnd(fa), PrefixEnd(fb));
            yield return people.Where(p => p.FamilyNameKey == kb && string.Compare(p.SearchGivenName, fa) >= 0 && string.Compare(p.SearchGivenName, ea) < 0).Select(p => p.Id);
            yield return people.Where(p => p.FamilyNameKey == ka && string.Compare(p.SearchGivenName, fb) >= 0 && string.Compare(p.SearchGivenName, eb) < 0).Select(p => p.Id);
        }
    }

    /// <summary>The first string after every string starting with the prefix, for an indexed range in place of LIKE.</summary>
    private static string PrefixEnd(string prefix) => prefix.Length == 0 ? "\uffff" : prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>
    /// How well the person's names fit the name words (lower is better), or null when they do not: a reference, council
    /// child ID or date alone fits everyone it found. A name fits a word when it starts with it, sounds the same or is within
    /// <see cref="NameMatching.Similar"/>'s edit distance.
    /// </summary>
    internal static int? Score(SearchQuery query, string given, string family, bool identifierMatched)
    {
        if (identifierMatched)
        {
            return 0;
        }
        var words = query.NameWords.Select(NameMatching.Normalise).Where(w => w.Length > 0).ToList();
        if (words.Count == 0)
        {
            return 0;
        }
        if (words.Count == 1)
        {
            var w = words[0];
            return Min(Fit(w, family), Fit(w, given));
        }
        var (a, b) = (words[0], words[^1]);
        var inOrder = Sum(Fit(a, given), Fit(b, family));
        var swapped = Sum(Fit(a, family), Fit(b, given));
        return Min(inOrder, swapped is null ? null : swapped + 1);
    }

    private static int? Fit(string word, string name)
    {
        if (name.Length == 0)
        {
            return null;
        }
        if (word == name)
        {
            return 0;
        }
        if (name.StartsWith(word, StringComparison.Ordinal))
        {
            return 1;
        }
        // The phonetic key only finds candidates: Soundex alone would make Sandy a Smith.
        return NameMatching.Similar(word, name) ? 1 + NameMatching.Distance(word, name) : null;
    }

    private static int? Sum(int? x, int? y) => x is null || y is null ? null : x + y;

    private static int? Min(int? x, int? y) => x is null ? y : y is null ? x : Math.Min(x.Value, y.Value);
}
