using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Hearth.Core.Measures;
using Hearth.Core.Reporting;

namespace Hearth.Bench;

/// <summary>
/// Each report's counts computed by hand-written SQL, one or two statements per report, to time the EF-translated
/// reports against. They return the same figures as the reports' count columns (the benchmark checks this before it
/// times anything); percentages, ratios and the paired statistics are then worked out in C# from those counts, as the
/// reports do. The SQL is written for each provider where they differ (date parts, list columns, team lists).
/// </summary>
public sealed class HandWrittenReports(DbConnection connection, bool postgres, IReadOnlyList<Guid> teams, ReportPeriod period)
{
    private static readonly string Successful = "('GoalsAchieved', 'SteppedDownEarlyHelp', 'SteppedDownUniversal')";

    public async Task<List<long>> RunAsync(string report, IReadOnlyList<(Guid Service, string Assessment, string Phase1, string Phase2)> funnelKeys)
    {
        return report switch
        {
            "funnel" => await FunnelAsync(funnelKeys),
            "cin-activity" => await CinActivityAsync(),
            "outcomes" => await OutcomesAsync(),
            "capacity" => await CapacityAsync(),
            "measures" => await MeasuresAsync(),
            "time-use" => await TimeUseAsync(),
            "cost" => await CostAsync(),
            "equality" => await EqualityAsync(),
            "cohort-star" => await CohortStarAsync(),
            _ => throw new ArgumentException($"No hand-written SQL for {report}"),
        };
    }

    // --- dialect -------------------------------------------------------------------------------------------------

    private string Year(string e) => postgres ? $"CAST(EXTRACT(YEAR FROM {e}) AS integer)" : $"CAST(strftime('%Y', {e}) AS INTEGER)";
    private string Month(string e) => postgres ? $"CAST(EXTRACT(MONTH FROM {e}) AS integer)" : $"CAST(strftime('%m', {e}) AS INTEGER)";
    private string Day(string e) => postgres ? $"CAST(EXTRACT(DAY FROM {e}) AS integer)" : $"CAST(strftime('%d', {e}) AS INTEGER)";
    private string InTeams(string column) => postgres ? $"{column} = ANY(@teams)" : $"{column} IN (SELECT value FROM json_each(@teams))";
    private string Days(string later, string earlier) => postgres ? $"({later} - {earlier})" : $"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)";

    /// <summary>The last day that is "within N months" of a date: the same day N months later, or that month's end.</summary>
    private string MonthsLater(string e, int months) => postgres
        ? $"CAST({e} + interval '{months} months' AS date)"
        : $"MIN(date({e}, '+{months} months'), date({e}, 'start of month', '+{months + 1} months', '-1 day'))";

    /// <summary>The elements of a list column (a JSON array on SQLite, an array on PostgreSQL), as text.</summary>
    private string Elements(string column) => postgres ? $"unnest({column})" : $"json_each({column})";

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "teams", postgres ? teams.ToArray() : JsonSerializer.Serialize(teams.Select(t => t.ToString().ToUpperInvariant())));
        Add(command, "from", period.From);
        Add(command, "to", period.To);
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }
        return command;
    }

    private void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = !postgres && value is Guid g ? g.ToString().ToUpperInvariant() : value;
        command.Parameters.Add(p);
    }

    private static async Task<List<object?[]>> RowsAsync(DbCommand command)
    {
        var rows = new List<object?[]>();
        await using (command)
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
                rows.Add(row);
            }
        }
        return rows;
    }

    private static long L(object? value) => value is null ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    // --- reports -------------------------------------------------------------------------------------------------

    private async Task<List<long>> FunnelAsync(IReadOnlyList<(Guid Service, string Assessment, string Phase1, string Phase2)> keys)
    {
        var values = string.Join(", ", keys.Select((_, i) => $"(@s{i}, @a{i}, @b{i}, @c{i})"));
        var parameters = keys.SelectMany((k, i) => new (string, object)[] { ($"s{i}", k.Service), ($"a{i}", k.Assessment), ($"b{i}", k.Phase1), ($"c{i}", k.Phase2) }).ToArray();
        var referrals = $"""
            WITH keys (service_id, assessment, phase1, phase2) AS (VALUES {values}),
            r AS (
              SELECT r.service_id, r.status, r.is_re_referral,
                     CASE WHEN EXISTS (SELECT 1 FROM episode_phases p WHERE p.episode_id = r.episode_id AND p.phase_key = k.assessment) THEN 1 ELSE 0 END AS assessed
              FROM referrals r JOIN keys k ON k.service_id = r.service_id
              WHERE r.received_on >= @from AND r.received_on <= @to AND {InTeams("r.team_id")})
            SELECT service_id, COUNT(*), SUM(CASE WHEN status = 'Inappropriate' THEN 1 ELSE 0 END), SUM(assessed), SUM(CASE WHEN is_re_referral THEN assessed ELSE 0 END)
            FROM r GROUP BY service_id
            """;
        var phases = $"""
            WITH keys (service_id, assessment, phase1, phase2) AS (VALUES {values})
            SELECT e.service_id,
              COUNT(DISTINCT CASE WHEN p.phase_key = k.phase1 AND p.started_on >= @from AND p.started_on <= @to THEN p.episode_id END),
              COUNT(DISTINCT CASE WHEN p.phase_key = k.phase1 AND p.completed AND p.ended_on >= @from AND p.ended_on <= @to THEN p.episode_id END),
              COUNT(DISTINCT CASE WHEN p.phase_key = k.phase2 AND p.completed AND p.ended_on >= @from AND p.ended_on <= @to THEN p.episode_id END)
            FROM episode_phases p JOIN episodes e ON e.id = p.episode_id JOIN keys k ON k.service_id = e.service_id
            WHERE {InTeams("e.team_id")} AND p.phase_key IN (k.phase1, k.phase2)
              AND (p.started_on >= @from AND p.started_on <= @to OR p.ended_on >= @from AND p.ended_on <= @to)
            GROUP BY e.service_id
            """;
        var byReferrals = (await RowsAsync(Command(referrals, parameters))).ToDictionary(r => Key(r[0]), r => r.Skip(1).Select(L).ToArray());
        var byPhases = (await RowsAsync(Command(phases, parameters))).ToDictionary(r => Key(r[0]), r => r.Skip(1).Select(L).ToArray());
        return keys.SelectMany(k => byReferrals.GetValueOrDefault(k.Service, new long[4]).Concat(byPhases.GetValueOrDefault(k.Service, new long[3]))).ToList();
    }

    private static Guid Key(object? value) => value is Guid g ? g : Guid.Parse((string)value!);

    private async Task<List<long>> CinActivityAsync()
    {
        var figures = new List<long>();
        var quarters = period.Quarters().Select(q => q.Period).ToList();
        if (quarters.Count == 0)
        {
            quarters = [period];
        }
        var ranges = quarters.SelectMany(q => new[] { q, q.YearEarlier() }).ToList();
        var sums = string.Join(",\n  ", ranges.Select((_, i) => $"COALESCE(SUM(CASE WHEN received_on >= @f{i} AND received_on <= @t{i} THEN 1 ELSE 0 END), 0)"));
        var parameters = ranges.SelectMany((q, i) => new (string, object)[] { ($"f{i}", q.From), ($"t{i}", q.To) }).ToArray();
        var counts = (await RowsAsync(Command($"SELECT {sums} FROM referrals WHERE {InTeams("team_id")} AND received_on >= @f1 AND received_on <= @to", parameters)))[0].Select(L).ToList();
        figures.AddRange(counts);
        if (period.Quarters().Count > 0)
        {
            figures.Add(counts.Where((_, i) => i % 2 == 0).Sum());
            figures.Add(counts.Where((_, i) => i % 2 == 1).Sum());
        }
        var months = $"({Year("e.closed_on")} * 12 + {Month("e.closed_on")}) - ({Year("r.received_on")} * 12 + {Month("r.received_on")}) - CASE WHEN {Day("e.closed_on")} < {Day("r.received_on")} THEN 1 ELSE 0 END";
        var closures = $"""
            WITH c AS (
              SELECT {months} AS months, e.unmet_need, e.closure_reason
              FROM episodes e JOIN referrals r ON r.episode_id = e.id
              WHERE {InTeams("e.team_id")} AND e.closed_on >= @cf AND e.closed_on <= @ct
                AND NOT EXISTS (SELECT 1 FROM referrals o WHERE o.episode_id = e.id AND o.received_on < r.received_on))
            SELECT COALESCE(SUM(CASE WHEN months >= 0 AND months < 3 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN months >= 3 AND months < 6 THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN months >= 6 AND months < 9 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN months >= 9 THEN 1 ELSE 0 END), 0), COUNT(*),
                   COALESCE(SUM(CASE WHEN unmet_need AND closure_reason = 'SteppedDownEarlyHelp' THEN 1 ELSE 0 END), 0)
            FROM c
            """;
        foreach (var p in new[] { period, period.YearEarlier() })
        {
            figures.AddRange((await RowsAsync(Command(closures, ("cf", p.From), ("ct", p.To))))[0].Select(L));
        }
        return figures;
    }

    private async Task<List<long>> OutcomesAsync()
    {
        var within = (string e, string start, int n) => $"{e} <= {MonthsLater(start, n)}";
        var open = $"SELECT id FROM episodes WHERE {InTeams("team_id")} AND opened_on <= @to AND (closed_on IS NULL OR closed_on >= @from)";
        var childrenOf = "SELECT c.person_id FROM referral_childs c JOIN referrals r ON r.id = c.referral_id WHERE r.episode_id IN";
        var sql = $"""
            WITH closed_c AS (SELECT DISTINCT c.person_id, e.closed_on FROM referral_childs c JOIN referrals r ON r.id = c.referral_id JOIN episodes e ON e.id = r.episode_id
                              WHERE {InTeams("e.team_id")} AND e.closed_on >= @from AND e.closed_on <= @to)
            SELECT
              (SELECT COUNT(DISTINCT person_id) FROM ({childrenOf} ({open})) x),
              (SELECT COUNT(DISTINCT family_id) FROM episodes WHERE id IN ({open})),
              (SELECT COUNT(DISTINCT person_id) FROM ({childrenOf} ({open} AND closed_on IS NOT NULL AND closure_reason IN {Successful})) x),
              (SELECT COUNT(DISTINCT person_id) FROM closed_c),
              (SELECT COUNT(DISTINCT person_id) FROM closed_c c WHERE
                 EXISTS (SELECT 1 FROM referral_childs x JOIN referrals r ON r.id = x.referral_id WHERE x.person_id = c.person_id AND r.received_on > c.closed_on AND {within("r.received_on", "c.closed_on", 12)})
                 OR EXISTS (SELECT 1 FROM outcome_events o WHERE o.person_id = c.person_id AND o.kind = 'ReReferral' AND o.occurred_on > c.closed_on AND {within("o.occurred_on", "c.closed_on", 12)})),
              {string.Join(",\n  ", new[] { "ChildProtectionPlan", "BecameLookedAfter" }.SelectMany(kind => new[] { 6, 12, 24 }.Select(n =>
                $"(SELECT COUNT(DISTINCT person_id) FROM closed_c c WHERE EXISTS (SELECT 1 FROM outcome_events o WHERE o.person_id = c.person_id AND o.kind = '{kind}' AND o.occurred_on >= c.closed_on AND {within("o.occurred_on", "c.closed_on", n)}))")))}
            """;
        var figures = (await RowsAsync(Command(sql)))[0].Select(L).ToList();
        var interventions = $"""
            WITH c AS (
              SELECT (SELECT COUNT(*) FROM episodes o WHERE o.family_id = e.family_id AND o.opened_on < e.opened_on AND {InTeams("o.team_id")}) AS earlier,
                     CASE WHEN e.closure_reason IN {Successful} AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.family_id = e.family_id
                       AND r.received_on > e.closed_on AND {within("r.received_on", "e.closed_on", 12)}) THEN 1 ELSE 0 END AS sustained
              FROM episodes e WHERE {InTeams("e.team_id")} AND e.closed_on >= @from AND e.closed_on <= @to)
            SELECT CASE WHEN earlier >= 2 THEN 2 ELSE earlier END AS bucket, COUNT(*), SUM(sustained) FROM c GROUP BY CASE WHEN earlier >= 2 THEN 2 ELSE earlier END
            """;
        var buckets = (await RowsAsync(Command(interventions))).ToDictionary(r => L(r[0]), r => (L(r[1]), L(r[2])));
        for (var b = 0; b <= 2; b++)
        {
            var (families, sustained) = buckets.GetValueOrDefault(b);
            figures.Add(families);
            figures.Add(sustained);
        }
        return figures;
    }

    private async Task<List<long>> CapacityAsync()
    {
        var figures = new List<long>();
        var workers = $"""
            SELECT w.max_intensive_cases,
              (SELECT COUNT(*) FROM allocations a JOIN episodes e ON e.id = a.episode_id WHERE a.worker_id = w.id AND a."from" <= @to AND (a."to" IS NULL OR a."to" >= @to)
                 AND e.opened_on <= @to AND (e.closed_on IS NULL OR e.closed_on > @to)),
              (SELECT COUNT(*) FROM allocations a JOIN episodes e ON e.id = a.episode_id WHERE a.worker_id = w.id AND a."to" IS NULL AND e.closed_on IS NULL AND e.is_intensive)
            FROM workers w WHERE {InTeams("w.team_id")} AND w.is_active
            """;
        foreach (var row in await RowsAsync(Command(workers)))
        {
            var (max, open, intensive) = (L(row[0]), L(row[1]), L(row[2]));
            figures.AddRange([max, open, intensive, Math.Max(0, max - intensive)]);
        }
        var ends = new List<DateOnly>();
        for (var end = new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1).AddDays(-1); ; end = new DateOnly(end.Year, end.Month, 1).AddMonths(2).AddDays(-1))
        {
            var at = end > period.To ? period.To : end;
            ends.Add(at);
            if (at == period.To)
            {
                break;
            }
        }
        var months = string.Join(" UNION ALL ", ends.Select((_, i) => $"SELECT @m{i} AS at"));
        var waiting = $"""
            SELECT m.at, COUNT(w.id) FROM ({months}) m
            LEFT JOIN waiting_list_entries w ON {InTeams("w.team_id")} AND w.since <= m.at AND (w.removed_on IS NULL OR w.removed_on > m.at)
            GROUP BY m.at ORDER BY m.at
            """;
        figures.AddRange((await RowsAsync(Command(waiting, ends.Select((d, i) => ($"m{i}", (object)d)).ToArray()))).Select(r => L(r[1])));
        // Nearest rank: the value at position ceil(p x n), with ceil(n/2) = (n + 1) / 2 and ceil(9n/10) = (9n + 9) / 10.
        var ranks = (string days) => $"""
            WITH d AS ({days}), ranked AS (SELECT days, ROW_NUMBER() OVER (ORDER BY days) AS k, COUNT(*) OVER () AS n FROM d)
            SELECT MAX(n), MAX(CASE WHEN k = (n + 1) / 2 THEN days END), MAX(CASE WHEN k = (9 * n + 9) / 10 THEN days END) FROM ranked
            """;
        figures.AddRange((await RowsAsync(Command(ranks($"SELECT {Days("removed_on", "since")} AS days FROM waiting_list_entries WHERE {InTeams("team_id")} AND removed_on >= @from AND removed_on <= @to"))))[0].Select(L));
        figures.AddRange((await RowsAsync(Command(ranks($"""
            SELECT {Days("MIN(a.\"from\")", "r.received_on")} AS days FROM referrals r JOIN allocations a ON a.episode_id = r.episode_id
            WHERE {InTeams("r.team_id")} AND r.received_on >= @from AND r.received_on <= @to GROUP BY r.id, r.received_on
            """))))[0].Select(L));
        // Throughput (not a count column, so not compared, but the report computes it and so must this).
        await RowsAsync(Command($"SELECT (SELECT COUNT(*) FROM episodes WHERE {InTeams("team_id")} AND opened_on >= @from AND opened_on <= @to), (SELECT SUM(fte) FROM workers WHERE {InTeams("team_id")} AND is_active AND max_intensive_cases > 0)"));
        return figures;
    }

    private async Task<List<long>> MeasuresAsync()
    {
        var figures = new List<long>();
        var forms = $"""
            SELECT a.instrument_id, s.name, COUNT(*), SUM(CASE WHEN a.is_viable THEN 1 ELSE 0 END)
            FROM measure_administrations a JOIN episodes e ON e.id = a.episode_id JOIN services s ON s.id = e.service_id
            WHERE {InTeams("a.team_id")} AND a.completed_on >= @from AND a.completed_on <= @to
            GROUP BY a.instrument_id, s.name
            """;
        foreach (var row in await RowsAsync(Command(forms)))
        {
            figures.AddRange([L(row[2]), L(row[3]), L(row[2]) - L(row[3])]);
        }
        var pairs = $"""
            WITH v AS (SELECT person_id, instrument_id, completed_on, primary_score FROM measure_administrations
                       WHERE {InTeams("team_id")} AND is_viable AND primary_score IS NOT NULL AND completed_on <= @to),
            spans AS (SELECT person_id, instrument_id, MIN(completed_on) AS first_on, MAX(completed_on) AS last_on FROM v GROUP BY person_id, instrument_id)
            SELECT s.instrument_id, MIN(CASE WHEN v.completed_on = s.first_on THEN v.primary_score END), MAX(CASE WHEN v.completed_on = s.last_on THEN v.primary_score END)
            FROM spans s JOIN v ON v.person_id = s.person_id AND v.instrument_id = s.instrument_id
            WHERE s.last_on >= @from AND s.last_on > s.first_on
            GROUP BY s.person_id, s.instrument_id
            """;
        var paired = (await RowsAsync(Command(pairs))).GroupBy(r => (string)r[0]!).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in paired)
        {
            var list = group.Select(r => (Convert.ToDouble(r[1], CultureInfo.InvariantCulture), Convert.ToDouble(r[2], CultureInfo.InvariantCulture))).ToList();
            PairedStatistics.Compute(list);
            figures.Add(list.Count);
        }
        foreach (var (_, _, scalePairs) in await ScalePairsAsync("a.instrument_id LIKE 'sdq-%'"))
        {
            PairedStatistics.Compute(scalePairs);
            figures.Add(scalePairs.Count);
        }
        var gas = $"""
            SELECT time_point, time_point_number, COUNT(*), AVG(CAST(primary_score AS double precision)) FROM measure_administrations
            WHERE {InTeams("team_id")} AND instrument_id = 'gas' AND is_viable AND primary_score IS NOT NULL AND completed_on >= @from AND completed_on <= @to
            GROUP BY time_point, time_point_number
            """;
        figures.AddRange((await RowsAsync(Command(postgres ? gas : gas.Replace("double precision", "REAL", StringComparison.Ordinal)))).Select(r => L(r[2])));
        return figures;
    }

    /// <summary>Each scale's reading on the first and last viable forms of each person (the measures report's pairs).</summary>
    private async Task<List<(string Instrument, string Scale, List<(double Before, double After)> Pairs)>> ScalePairsAsync(string instruments)
    {
        var sql = $"""
            WITH v AS (SELECT a.id, a.person_id, a.instrument_id, a.completed_on FROM measure_administrations a
                       WHERE {InTeams("a.team_id")} AND {instruments} AND a.is_viable AND a.primary_score IS NOT NULL AND a.completed_on <= @to),
            spans AS (SELECT person_id, instrument_id, MIN(completed_on) AS first_on, MAX(completed_on) AS last_on FROM v GROUP BY person_id, instrument_id)
            SELECT s.instrument_id, sc.key, MIN(CASE WHEN v.completed_on = s.first_on THEN sc.value END), MAX(CASE WHEN v.completed_on = s.last_on THEN sc.value END)
            FROM spans s JOIN v ON v.person_id = s.person_id AND v.instrument_id = s.instrument_id AND (v.completed_on = s.first_on OR v.completed_on = s.last_on)
            JOIN measure_scores sc ON sc.administration_id = v.id
            WHERE s.last_on >= @from AND s.last_on > s.first_on AND sc.value IS NOT NULL
            GROUP BY s.person_id, s.instrument_id, sc.key
            """;
        var rows = await RowsAsync(Command(sql));
        var result = new List<(string, string, List<(double, double)>)>();
        foreach (var instrument in rows.Select(r => (string)r[0]!).Distinct().Order(StringComparer.Ordinal))
        {
            if (InstrumentCatalog.Find(instrument) is not ItemInstrument items)
            {
                continue;
            }
            foreach (var scale in items.Definition.Scales)
            {
                var pairs = rows.Where(r => (string)r[0]! == instrument && (string)r[1]! == scale.Key && r[2] is not null && r[3] is not null)
                    .Select(r => (Convert.ToDouble(r[2], CultureInfo.InvariantCulture), Convert.ToDouble(r[3], CultureInfo.InvariantCulture))).ToList();
                if (pairs.Count > 0)
                {
                    result.Add((instrument, scale.Key, pairs));
                }
            }
        }
        return result;
    }

    private async Task<List<long>> CohortStarAsync() =>
        (await ScalePairsAsync("a.instrument_id = 'family-star-plus'")).Where(x => x.Scale.StartsWith("area", StringComparison.Ordinal))
            .Select(x => (x.Pairs.Average(p => p.Before), x.Pairs.Average(p => p.After), (long)x.Pairs.Count)).Select(x => x.Item3).ToList();

    private async Task<List<long>> TimeUseAsync()
    {
        var figures = new List<long>();
        var sessions = $"FROM sessions s WHERE {InTeams("s.team_id")} AND s.date >= @from AND s.date <= @to";
        var other = $"FROM worker_times w WHERE {InTeams("w.team_id")} AND w.date >= @from AND w.date <= @to";
        var types = (await RowsAsync(Command($"SELECT type, SUM(minutes), COUNT(*) {sessions} GROUP BY type"))).Select(r => L(r[1])).ToList();
        var activities = (await RowsAsync(Command($"SELECT activity, SUM(minutes) {other} GROUP BY activity"))).Select(r => L(r[1])).ToList();
        figures.AddRange(types);
        figures.AddRange(activities);
        figures.Add(types.Sum() + activities.Sum());
        figures.AddRange((await RowsAsync(Command($"SELECT phase_key, COUNT(*), SUM(minutes) {sessions} GROUP BY phase_key"))).Select(r => L(r[1])));
        // Each worker's hours with families and on other work (not count columns, so not compared, but computed).
        var worker = postgres ? "x.worker_id" : "upper(x.value)";
        await RowsAsync(Command($"SELECT {worker}, SUM(s.minutes) FROM sessions s, {Elements("s.worker_ids")} {(postgres ? "AS x(worker_id)" : "AS x")} WHERE {InTeams("s.team_id")} AND s.date >= @from AND s.date <= @to GROUP BY {worker}"));
        await RowsAsync(Command($"SELECT w.worker_id, SUM(w.minutes) {other} GROUP BY w.worker_id"));
        return figures;
    }

    private async Task<List<long>> CostAsync()
    {
        var sql = $"""
            WITH open_e AS (SELECT id, service_id, family_id, closed_on, closure_reason FROM episodes WHERE {InTeams("team_id")} AND opened_on <= @to AND (closed_on IS NULL OR closed_on >= @from))
            SELECT s.name,
              (SELECT COUNT(DISTINCT family_id) FROM open_e WHERE open_e.service_id = s.id),
              (SELECT COUNT(DISTINCT c.person_id) FROM referral_childs c JOIN referrals r ON r.id = c.referral_id JOIN open_e ON open_e.id = r.episode_id WHERE open_e.service_id = s.id),
              (SELECT COUNT(*) FROM open_e WHERE open_e.service_id = s.id AND closed_on IS NOT NULL AND closed_on <= @to AND closure_reason IN {Successful})
            FROM services s WHERE EXISTS (SELECT 1 FROM teams t WHERE t.service_id = s.id AND {InTeams("t.id")})
            ORDER BY s.name
            """;
        await RowsAsync(Command("SELECT service_id, financial_year, amount FROM service_budgets"));
        return (await RowsAsync(Command(sql))).SelectMany(r => r.Skip(1).Select(L)).ToList();
    }

    private async Task<List<long>> EqualityAsync()
    {
        var children = $"""
            WITH ids AS (SELECT DISTINCT c.person_id FROM referral_childs c JOIN referrals r ON r.id = c.referral_id JOIN episodes e ON e.id = r.episode_id
                         WHERE {InTeams("e.team_id")} AND e.opened_on <= @to AND (e.closed_on IS NULL OR e.closed_on >= @from)),
            p AS (SELECT people.* FROM people JOIN ids ON ids.person_id = people.id)
            """;
        var to = period.To;
        var age = $"CASE WHEN date_of_birth IS NULL THEN -1 ELSE ({to.Year} - {Year("date_of_birth")}) - CASE WHEN {to.Month * 100 + to.Day} < {Month("date_of_birth")} * 100 + {Day("date_of_birth")} THEN 1 ELSE 0 END END";
        var band = $"CASE WHEN a < 0 THEN 'unknown' WHEN a <= 4 THEN '0-4' WHEN a <= 9 THEN '5-9' WHEN a <= 15 THEN '10-15' WHEN a <= 17 THEN '16-17' ELSE '18+' END";
        var figures = new List<long>();
        figures.AddRange((await RowsAsync(Command($"{children} SELECT band, COUNT(*) FROM (SELECT {band} AS band FROM (SELECT {age} AS a FROM p) x) y GROUP BY band"))).Select(r => L(r[1])));
        figures.AddRange((await RowsAsync(Command($"{children} SELECT sex, COUNT(*) FROM p GROUP BY sex"))).Select(r => L(r[1])));
        figures.AddRange((await RowsAsync(Command($"{children} SELECT COALESCE(ethnicity_code, 'unknown'), COUNT(*) FROM p GROUP BY COALESCE(ethnicity_code, 'unknown')"))).Select(r => L(r[1])));
        var code = postgres ? "x.code" : "x.value";
        figures.AddRange((await RowsAsync(Command($"{children} SELECT {code}, COUNT(DISTINCT p.id) FROM p, {Elements("p.disability_codes")} {(postgres ? "AS x(code)" : "AS x")} GROUP BY {code}"))).Select(r => L(r[1])));
        await RowsAsync(Command("SELECT characteristic, category, count FROM population_figures WHERE year = (SELECT MAX(year) FROM population_figures)"));
        return figures;
    }
}
