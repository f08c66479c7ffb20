using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Reporting;

/// <summary>
/// The reports reproduce the published tables of the source documents from histories imported through the documented
/// journey CSV, on SQLite and PostgreSQL alike.
/// </summary>
public sealed class SourceDocumentFigureTests : IAsyncLifetime
{
    private static readonly ActorContext System = ActorContext.System("test");
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = _db.CreateServices(new FixedTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(System);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task ServiceAsync(string name, string code, string programme, string team)
    {
        using var scope = _services.CreateScope();
        var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        await org.CreateServiceAsync(System, new NewService(name, code, null, programme));
        await org.CreateTeamAsync(System, new NewTeam(code, team, code + "-team", null));
    }

    private async Task ImportAsync(JourneyCsv csv)
    {
        using var scope = _services.CreateScope();
        var (rows, errors) = JourneyImport.Read(new StringReader(csv.ToString()));
        Assert.Empty(errors);
        var result = await scope.ServiceProvider.GetRequiredService<JourneyImport>().ImportAsync(System, rows, new JourneyImportOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Take(5).Select(e => $"{e.Row} {e.Column}: {e.Message}")));
        Assert.Equal(csv.Rows, result.ReferralsCreated);
    }

    private async Task<ReportResult> RunAsync(string report, ReportPeriod period, string? service = null)
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReportService>().RunAsync(System, report, new ReportFilter(period, service));
    }

    // Welsh IFSS evaluation, Table 4-1: referrals, inappropriate, to assessment, of which re-referrals, accepted to
    // Phase 1, completed Phase 1, completed Phase 2, for Sites 1-3 in Year 2 (2011-12) and Year 3 (2012-13).
    private sealed record Column(int Referrals, int Inappropriate, int Assessed, int ReReferrals, int? Accepted, int Completed1, int Completed2);

    private static readonly Dictionary<(int Site, int Year), Column> Table41 = new()
    {
        [(1, 2011)] = new(88, 0, 49, 14, 31, 21, 4),
        [(2, 2011)] = new(66, 4, 62, 4, null, 41, 6),
        [(3, 2011)] = new(74, 11, 63, 8, 34, 23, 12),
        [(1, 2012)] = new(67, 0, 55, 7, 47, 29, 16),
        [(2, 2012)] = new(84, 3, 81, 6, 49, 43, 29),
        [(3, 2012)] = new(64, 2, 62, 7, 47, 28, 16),
    };

    // The percentages Table 4-1 prints (whole numbers, of referrals); "-" where Site 2 did not record acceptances.
    private static readonly Dictionary<(int Site, int Year), int?[]> Table41Percent = new()
    {
        [(1, 2011)] = [0, 56, 16, 35, 24, 5],
        [(2, 2011)] = [6, 94, 6, null, 62, 9],
        [(3, 2011)] = [15, 85, 11, 46, 31, 16],
        [(1, 2012)] = [0, 82, 10, 70, 43, 24],
        [(2, 2012)] = [4, 96, 7, 58, 51, 35],
        [(3, 2012)] = [3, 97, 11, 73, 44, 25],
    };

    [Fact]
    public async Task The_funnel_reproduces_the_Welsh_Table_4_1_for_each_site_and_year()
    {
        for (var site = 1; site <= 3; site++)
        {
            await ServiceAsync($"IFSS Site {site}", $"ifss-{site}", ShippedProgrammes.Ifss, $"IFSS Site {site} team");
        }
        var csv = new JourneyCsv();
        // Children whose next referral, within 12 months, is a re-referral: per site, those ready for Year 2 and Year 3.
        var priors = new Dictionary<(int Site, int Year), Queue<string>>();
        for (var site = 1; site <= 3; site++)
        {
            priors[(site, 2011)] = new Queue<string>();
            priors[(site, 2012)] = new Queue<string>();
            // Year 1 (2010-11) referrals, outside both years reported, make Year 2's re-referrals.
            for (var i = 0; i < Table41[(site, 2011)].ReReferrals; i++)
            {
                var child = csv.NewChild();
                csv.Add($"IFSS Site {site}", $"IFSS Site {site} team", child, new DateOnly(2011, 3, 1).AddDays(i % 28), "advice");
                priors[(site, 2011)].Enqueue(child);
            }
        }
        foreach (var year in new[] { 2011, 2012 })
        {
            for (var site = 1; site <= 3; site++)
            {
                var c = Table41[(site, year)];
                var service = $"IFSS Site {site}";
                var team = service + " team";
                var start = new DateOnly(year, 4, 1);
                var day = 0;
                DateOnly Next() => start.AddDays(10 + day++ % 140);
                var nextYearPriors = Table41.TryGetValue((site, year + 1), out var next) ? next.ReReferrals : 0;
                // Inappropriate referrals can be re-referred: Year 2's, received in March, in Year 3; Year 3's, received
                // in its first days, later in Year 3 when Year 2 left too few.
                for (var i = 0; i < c.Inappropriate; i++)
                {
                    var child = csv.NewChild();
                    if (year == 2011)
                    {
                        csv.Add(service, team, child, new DateOnly(year + 1, 3, 1).AddDays(i), "inappropriate");
                        if (priors[(site, year + 1)].Count < nextYearPriors)
                        {
                            priors[(site, year + 1)].Enqueue(child);
                        }
                    }
                    else
                    {
                        csv.Add(service, team, child, start.AddDays(i), "inappropriate");
                        if (priors[(site, year)].Count < c.ReReferrals)
                        {
                            priors[(site, year)].Enqueue(child);
                        }
                    }
                }
                var accepted = c.Accepted ?? c.Completed1;
                for (var i = 0; i < c.Assessed; i++)
                {
                    var reReferral = i >= c.Assessed - c.ReReferrals;
                    var child = reReferral ? priors[(site, year)].Dequeue() : csv.NewChild();
                    var received = Next();
                    csv.Add(service, team, child, received, "accepted",
                        assessment: received.AddDays(2),
                        phase1: i < accepted ? received.AddDays(5) : null,
                        phase1Done: i < c.Completed1 ? received.AddDays(40) : null,
                        phase2Done: i < c.Completed2 ? received.AddDays(120) : null,
                        // Completing the step-down phase closes the episode.
                        closed: i < c.Completed2 ? received.AddDays(120) : null,
                        closure: i < c.Completed2 ? "goals_achieved" : null);
                }
                // The rest were given advice; in Year 2 some are received in March and re-referred in Year 3.
                for (var i = 0; i < c.Referrals - c.Inappropriate - c.Assessed; i++)
                {
                    var child = csv.NewChild();
                    var prior = year == 2011 && priors[(site, year + 1)].Count < nextYearPriors;
                    csv.Add(service, team, child, prior ? new DateOnly(year + 1, 3, 10).AddDays(i % 15) : Next(), "advice");
                    if (prior)
                    {
                        priors[(site, year + 1)].Enqueue(child);
                    }
                }
            }
        }
        await ImportAsync(csv);
        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportService>().RecordGapAsync(System, "ifss-2", FunnelReport.AcceptedGap,
                new DateOnly(2011, 4, 1), new DateOnly(2012, 3, 31), "Data on the number of cases accepted onto Phase 1 at Site 2 were not available.");
        }

        foreach (var year in new[] { 2011, 2012 })
        {
            var result = await RunAsync("funnel", ReportPeriod.FinancialYear(year));
            var rows = result.Tables[0].Rows;
            Assert.Equal(["IFSS Site 1", "IFSS Site 2", "IFSS Site 3"], rows.Select(r => (string)r[0]!));
            for (var site = 1; site <= 3; site++)
            {
                var row = rows[site - 1];
                var c = Table41[(site, year)];
                Assert.Equal([c.Referrals, c.Inappropriate, c.Assessed, c.ReReferrals, c.Accepted, c.Completed1, c.Completed2],
                    new[] { 1, 2, 4, 6, 8, 10, 12 }.Select(i => (int?)(long?)row[i]));
                // The table prints whole percentages; the report keeps one decimal place.
                var printed = new[] { 3, 5, 7, 9, 11, 13 }.Select(i => row[i] is double d ? (int?)Math.Round(d, MidpointRounding.AwayFromZero) : null);
                Assert.Equal(Table41Percent[(site, year)], printed);
            }
            Assert.Equal(year == 2011, result.Tables[0].Note?.Contains("Site 2: Data on the number of cases accepted") == true);
        }

        // Year 3 against Year 2, each count beside its year-earlier figure and the change, by hand from Table 4-1:
        // Site 1 referrals 88 -> 67 is -23.9%, Site 2 84 against 66 is +27.3%, Site 3 74 -> 64 is -13.5%; Site 2's
        // Year 2 acceptances were not recorded, so their change is not available.
        using (var scope = _services.CreateScope())
        {
            var compared = await scope.ServiceProvider.GetRequiredService<ReportService>().RunAsync(System, "funnel",
                new ReportFilter(ReportPeriod.FinancialYear(2012), CompareWithYearEarlier: true));
            Assert.Equal(["funnel", "funnel-year-on-year"], compared.Tables.Select(t => t.Key));
            var table = compared.Tables[1];
            Assert.Equal(["service", "referrals", "referrals_year_earlier", "referrals_change_pct"], table.Columns.Take(4).Select(c => c.Key));
            Assert.Equal("Referrals, 2011-12", table.Columns[2].Title);
            Assert.Equal([(object?)"IFSS Site 1", 67L, 88L, -23.9], table.Rows[0].Take(4));
            Assert.Equal([(object?)"IFSS Site 2", 84L, 66L, 27.3], table.Rows[1].Take(4));
            Assert.Equal([(object?)"IFSS Site 3", 64L, 74L, -13.5], table.Rows[2].Take(4));
            var accepted = table.Columns.Select(c => c.Key).ToList().IndexOf("accepted");
            Assert.Equal([(object?)49L, null, null], table.Rows[1].Skip(accepted).Take(3));
            Assert.Equal([(object?)47L, 34L, 38.2], table.Rows[2].Skip(accepted).Take(3));
        }
    }

    [Fact]
    public async Task Cin_activity_reproduces_Stocktons_2017_18_figures()
    {
        await ServiceAsync("Stockton CIN", "stockton", ShippedProgrammes.CinPod, "Fieldwork");
        var csv = new JourneyCsv();
        var referralsIn = new Dictionary<string, int> { ["fy17"] = 0, ["q1-17"] = 0, ["q1-18"] = 0 };
        void Count(DateOnly d)
        {
            if (ReportPeriod.FinancialYear(2017).Contains(d)) { referralsIn["fy17"]++; }
            if (ReportPeriod.Quarter(2017, 1).Contains(d)) { referralsIn["q1-17"]++; }
            if (ReportPeriod.Quarter(2018, 1).Contains(d)) { referralsIn["q1-18"]++; }
        }
        // Closures: (closed on, months open, how many, of which unmet need stepped down to early help). Months open
        // are whole months, referral on the same day of an earlier month: 2 is "under 3", 4 "3 to under 6",
        // 7 "6 to under 9", 12 and 15 "9 months and over".
        void Closures(DateOnly closed, int months, int count, int unmet)
        {
            for (var i = 0; i < count; i++)
            {
                var received = closed.AddMonths(-months);
                Count(received);
                var early = i < unmet;
                csv.Add("Stockton CIN", "Fieldwork", csv.NewChild(), received, "accepted",
                    closed: closed, closure: early ? "stepped_down_early_help" : "goals_achieved", unmet: early);
            }
        }
        // April-June 2017: 589 closed, 325 / 68 / 39 / 157, 131 with unmet need to early help.
        var q1Close17 = new DateOnly(2017, 6, 15);
        Closures(q1Close17, 2, 325, 131);
        Closures(q1Close17, 4, 68, 0);
        Closures(q1Close17, 7, 39, 0);
        Closures(q1Close17, 12, 157, 0);
        // The rest of 2017-18: 2,223 closed in the year, 1,153 / 261 / 187 / 622; 533 with unmet need.
        var restClose = new DateOnly(2018, 2, 15);
        Closures(restClose, 2, 1153 - 325, 533 - 131);
        Closures(restClose, 4, 261 - 68, 0);
        Closures(restClose, 7, 187 - 39, 0);
        Closures(restClose, 12, 622 - 157, 0);
        // April-June 2018: 774 closed, 379 / 92 / 56 / 247, 224 with unmet need.
        var q1Close18 = new DateOnly(2018, 6, 15);
        Closures(q1Close18, 2, 379, 224);
        Closures(q1Close18, 4, 92, 0);
        Closures(q1Close18, 7, 56, 0);
        Closures(q1Close18, 15, 247, 0);
        // Referrals still open make up 2,334 in 2017-18, 530 in April-June 2017 and 628 in April-June 2018.
        void OpenReferrals(DateOnly from, int days, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var received = from.AddDays(i % days);
                Count(received);
                csv.Add("Stockton CIN", "Fieldwork", csv.NewChild(), received, "advice");
            }
        }
        OpenReferrals(new DateOnly(2017, 4, 1), 91, 530 - referralsIn["q1-17"]);
        OpenReferrals(new DateOnly(2018, 4, 1), 91, 628 - referralsIn["q1-18"]);
        OpenReferrals(new DateOnly(2017, 7, 1), 270, 2334 - referralsIn["fy17"]);
        Assert.Equal((2334, 530, 628), (referralsIn["fy17"], referralsIn["q1-17"], referralsIn["q1-18"]));
        await ImportAsync(csv);

        var year = await RunAsync("cin-activity", ReportPeriod.FinancialYear(2017));
        Assert.Equal(["Whole period", 2334L], year.Tables[0].Rows[^1].Take(2));
        Assert.Equal(["2017-18 Q1", 530L], year.Tables[0].Rows[0].Take(2));
        var bands = year.Tables[1].Rows;
        Assert.Equal([1153L, 261L, 187L, 622L, 2223L], bands.Select(r => (long)r[1]!));
        var unmet = year.Tables[2].Rows.Single();
        Assert.Equal(533L, unmet[1]);
        Assert.Equal(24.0, unmet[2]);

        var quarter = await RunAsync("cin-activity", ReportPeriod.Quarter(2018, 1));
        Assert.Equal(["2018-19 Q1", 628L, 530L, 18.5], quarter.Tables[0].Rows[0]);
        var closures = quarter.Tables[1].Rows;
        Assert.Equal([379L, 92L, 56L, 247L, 774L], closures.Select(r => (long)r[1]!));
        Assert.Equal([325L, 68L, 39L, 157L, 589L], closures.Select(r => (long)r[3]!));
        Assert.Equal(31.4, closures[^1][4]);
        Assert.Equal([224L, 131L], new[] { quarter.Tables[2].Rows[0][1], quarter.Tables[2].Rows[0][3] });
    }

    [Fact]
    public async Task Outcomes_reproduce_FACT22s_children_families_success_and_re_referral_rate()
    {
        await ServiceAsync("FACT22", "fact22", ShippedProgrammes.CinPod, "Pod 1");
        var csv = new JourneyCsv();
        // 270 families, 610 children: 70 families of three and 200 of two.
        var families = Enumerable.Range(0, 270).Select(i => Enumerable.Range(0, i < 70 ? 3 : 2).Select(_ => csv.NewChild()).ToList()).ToList();
        var threes = families.Take(70).ToList();
        var twos = families.Skip(70).ToList();
        // 427 children (70.0%) in work that closed successfully: 61 families of three and 122 of two.
        var succeeded = threes.Take(61).Concat(twos.Take(122)).ToList();
        // 6 more children closed without success: 3 families of two disengaged. The rest stay open.
        var disengaged = twos.Skip(122).Take(3).ToList();
        var received = new DateOnly(2016, 1, 11);
        var closedOn = new DateOnly(2016, 9, 12);
        foreach (var family in families)
        {
            var refs = string.Join(';', family);
            var success = succeeded.Contains(family);
            var lost = disengaged.Contains(family);
            csv.Add("FACT22", "Pod 1", refs, received, "accepted", closed: success || lost ? closedOn : null,
                closure: success ? "stepped_down_early_help" : lost ? "disengaged" : null);
        }
        // 55 of the 433 children closed (12.7%) re-referred within 12 months: 11 families of three and 11 of two.
        foreach (var family in succeeded.Take(11).Concat(succeeded.Skip(61).Take(11)))
        {
            csv.Add("FACT22", "Pod 1", string.Join(';', family), closedOn.AddMonths(4), "advice", family: "F-" + family[0]);
        }
        // One more family re-referred 13 months after closure is outside the 12 months.
        csv.Add("FACT22", "Pod 1", string.Join(';', succeeded[^1]), closedOn.AddMonths(13), "advice", family: "F-" + succeeded[^1][0]);
        await ImportAsync(csv);

        var result = await RunAsync("outcomes", new ReportPeriod(new DateOnly(2015, 8, 1), new DateOnly(2018, 3, 31)));
        var worked = result.Tables[0].Rows;
        Assert.Equal(["Children worked with", 610L, null], worked[0]);
        Assert.Equal(["Families worked with", 270L, null], worked[1]);
        Assert.Equal(["Children whose work closed successfully or stepped down", 427L, 70.0], worked[2]);
        var after = result.Tables[1].Rows;
        Assert.Equal(433L, after[0][1]);
        Assert.Equal(["Re-referred within 12 months of closure", 55L, 12.7], after[1]);
    }

    [Fact]
    public async Task Sustained_success_is_counted_by_the_number_of_earlier_interventions_and_care_after_closure_by_window()
    {
        await ServiceAsync("FACT22", "fact22", ShippedProgrammes.CinPod, "Pod 1");
        var csv = new JourneyCsv();
        // First interventions closed on 31 August 2017: three families, two sustained, one re-referred after 5 months.
        var first = Enumerable.Range(0, 3).Select(_ => csv.NewChild()).ToList();
        foreach (var child in first)
        {
            csv.Add("FACT22", "Pod 1", child, new DateOnly(2017, 1, 9), "accepted", closed: new DateOnly(2017, 8, 31), closure: "goals_achieved");
        }
        csv.Add("FACT22", "Pod 1", first[0], new DateOnly(2018, 1, 31), "advice");
        // Second interventions: four families whose earlier episode closed in 2015; three sustained, one disengaged.
        var second = Enumerable.Range(0, 4).Select(_ => csv.NewChild()).ToList();
        foreach (var child in second)
        {
            csv.Add("FACT22", "Pod 1", child, new DateOnly(2015, 2, 2), "accepted", closed: new DateOnly(2015, 6, 1), closure: "goals_achieved");
            csv.Add("FACT22", "Pod 1", child, new DateOnly(2017, 2, 6), "accepted", closed: new DateOnly(2017, 8, 31),
                closure: child == second[3] ? "disengaged" : "stepped_down_universal");
        }
        await ImportAsync(csv);
        using (var scope = _services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var people = await db.Set<Person>().Where(p => p.CouncilChildId != null).ToDictionaryAsync(p => p.CouncilChildId!, p => p.Id);
            var team = await db.Set<Team>().SingleAsync();
            // From 31 August, 6 months runs to the end of February: 28 Feb 2018 is within, 1 March is not.
            db.Add(new OutcomeEvent { PersonId = people[first[1]], TeamId = team.Id, Kind = OutcomeKind.BecameLookedAfter, OccurredOn = new DateOnly(2018, 2, 28) });
            db.Add(new OutcomeEvent { PersonId = people[first[2]], TeamId = team.Id, Kind = OutcomeKind.BecameLookedAfter, OccurredOn = new DateOnly(2018, 3, 1) });
            db.Add(new OutcomeEvent { PersonId = people[second[0]], TeamId = team.Id, Kind = OutcomeKind.ChildProtectionPlan, OccurredOn = new DateOnly(2019, 8, 31) });
            // FACT22 counted sustained families it had followed up: every 12-month follow-up was checked.
            foreach (var f in await db.Set<FollowUp>().Where(f => f.MonthsAfterClosure == 12).ToListAsync())
            {
                (f.CompletedOn, f.CompletedBy, f.Result) = (f.DueOn, "test", FollowUpResult.NoEvent);
            }
            await db.SaveChangesAsync(System);
        }

        var result = await RunAsync("outcomes", ReportPeriod.FinancialYear(2017));
        Assert.Equal(
        [
            ["First intervention", 3L, 2L, 0L, 66.7],
            ["Second intervention", 4L, 3L, 0L, 75.0],
            ["Third or more", 0L, 0L, 0L, null],
        ], result.Tables.Single(t => t.Key == "interventions").Rows);
        var after = result.Tables[1].Rows.ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        Assert.Equal(7, after["Children whose work closed in the period"]);
        Assert.Equal(1, after["Re-referred within 12 months of closure"]);
        Assert.Equal(1, after["Became looked after within 6 months of closure"]);
        Assert.Equal(2, after["Became looked after within 12 months of closure"]);
        Assert.Equal(0, after["Child protection plan within 12 months of closure"]);
        Assert.Equal(1, after["Child protection plan within 24 months of closure"]);
    }
}
