using Hearth.Core.Data;
using Hearth.Core.Reporting;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Reporting;

/// <summary>The one calendar-month rule of the outcomes and CIN activity reports, in C# and translated by the database.</summary>
public sealed class CalendarMonthsTests : JourneyTestBase
{
    // start, end, whole months between, within 6 months, within 12 months
    private static readonly (string Start, string End, int Months, bool Within6, bool Within12)[] Cases =
    [
        ("2026-01-15", "2026-04-14", 2, true, true),
        ("2026-01-15", "2026-04-15", 3, true, true),
        ("2025-08-31", "2026-02-28", 5, true, true),   // 31 August + 6 months stops at the end of February...
        ("2025-08-31", "2026-03-01", 6, false, true),  // ...which SQLite's own date('+6 months') would not (3 March)
        ("2023-08-31", "2024-02-29", 5, true, true),   // leap year
        ("2025-03-10", "2025-09-10", 6, true, true),   // the same day N months later is within
        ("2025-03-10", "2025-09-11", 6, false, true),
        ("2025-03-10", "2026-03-10", 12, false, true),
        ("2025-03-10", "2026-03-11", 12, false, false),
        ("2025-12-31", "2026-01-01", 0, true, true),
    ];

    [Fact]
    public void The_rule_in_csharp_gives_the_hand_worked_answers()
    {
        foreach (var (start, end, months, within6, within12) in Cases)
        {
            var (s, e) = (DateOnly.Parse(start), DateOnly.Parse(end));
            Assert.Equal(months, CalendarMonths.Between(s, e));
            Assert.Equal(within6, CalendarMonths.Within(s, e, 6));
            Assert.Equal(within12, CalendarMonths.Within(s, e, 12));
        }
    }

    [Fact]
    public async Task The_database_translates_the_rule_to_the_same_answers()
    {
        // Report gaps are the simplest rows with two dates; each case is one gap from its start to its end.
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            foreach (var (start, end, _, _, _) in Cases)
            {
                db.Add(new ReportGap { ServiceId = Ifss.Id, Figure = "test", From = DateOnly.Parse(start), To = DateOnly.Parse(end), Note = $"{start} {end}" });
            }
            await db.SaveChangesAsync(Admin);
        });
        // In WHERE clauses, so the database must compute them (a projection could be worked out in C# after reading).
        var within6 = await NotesAsync(g => CalendarMonths.Within(g.From, g.To, 6));
        var months = 12;
        var within12 = await NotesAsync(g => CalendarMonths.Within(g.From, g.To, months));
        Assert.Equal(Cases.Where(c => c.Within6).Select(Note).Order(StringComparer.Ordinal), within6);
        Assert.Equal(Cases.Where(c => c.Within12).Select(Note).Order(StringComparer.Ordinal), within12);
        foreach (var n in Cases.Select(c => c.Months).Distinct())
        {
            Assert.Equal(Cases.Where(c => c.Months == n).Select(Note).Order(StringComparer.Ordinal), await NotesAsync(g => CalendarMonths.Between(g.From, g.To) == n));
        }
    }

    private static string Note((string Start, string End, int, bool, bool) c) => $"{c.Start} {c.End}";

    private async Task<List<string>> NotesAsync(System.Linq.Expressions.Expression<Func<ReportGap, bool>> where)
    {
        var notes = await InScope(s => Get<HearthDbContext>(s).Set<ReportGap>().Where(where).Select(g => g.Note).ToListAsync());
        return notes.Order(StringComparer.Ordinal).ToList();
    }
}
