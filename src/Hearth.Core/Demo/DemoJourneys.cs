using Hearth.Core.Programmes;
using Hearth.Core.Referrals;

namespace Hearth.Core.Demo;

/// <summary>
/// Generates three years of believable referral history for the demo services, ending at <c>today</c>: most referrals
/// accepted and worked through the phases, some inappropriate, advice only or referred on, some waiting, some children
/// re-referred, and closures of every kind. Deterministic: the same seed and today give the same rows.
/// </summary>
internal sealed class DemoJourneys(int seed, DateOnly today)
{
    private readonly Random _random = new(seed);
    private int _row = 1;
    private int _child;

    private static readonly string[] Sources = ["1A", "1C", "2A", "2A", "3A", "3B", "3F", "4", "5A", "5A", "5D", "5D", "6", "6", "8"];

    public List<JourneyRow> Generate(IReadOnlyList<(string Service, string Team, string Programme, int Families)> services)
    {
        var rows = new List<JourneyRow>();
        foreach (var (service, team, programme, families) in services)
        {
            var definition = ShippedProgrammes.All.Single(p => p.Code == programme).Definition;
            for (var f = 1; f <= families; f++)
            {
                var familyRef = $"{team.ToUpperInvariant()}-F{f:D4}";
                var received = today.AddDays(-_random.Next(5, 3 * 365));
                var children = Enumerable.Range(0, 1 + _random.Next(3))
                    .Select(_ => ($"C{++_child:D6}", received.AddDays(-_random.Next(60, 16 * 365))))
                    .ToList();
                var n = 1;
                while (received <= today)
                {
                    var (row, ended) = Journey(service, team, familyRef, $"{familyRef}-R{n}", children, received, definition);
                    rows.Add(row);
                    // About one family in four comes back: soon after closure (a re-referral) or a year or more later.
                    if (ended is null || _random.NextDouble() > 0.25 || n >= 3)
                    {
                        break;
                    }
                    received = ended.Value.AddDays(_random.NextDouble() < 0.6 ? _random.Next(20, 300) : _random.Next(370, 500));
                    n++;
                }
            }
        }
        return rows;
    }

    private (JourneyRow Row, DateOnly? Ended) Journey(string service, string team, string familyRef, string referralRef,
        List<(string Ref, DateOnly Birth)> children, DateOnly received, ProgrammeDefinition definition)
    {
        var source = Sources[_random.Next(Sources.Length)];
        var decisionOn = Clamp(received.AddDays(_random.Next(0, 8)));
        var roll = _random.NextDouble();
        var decision = roll switch
        {
            < 0.10 => "inappropriate",
            < 0.17 => "advice",
            < 0.21 => "referred_on",
            _ => "accepted",
        };
        if (decision == "accepted" && today.DayNumber - received.DayNumber < 100 && _random.NextDouble() < 0.6)
        {
            decision = "waiting_list";
        }
        string assessment = "", phase1 = "", phase1Done = "", phase2Done = "", closed = "", reason = "", unmet = "";
        DateOnly? ended = decision is "accepted" or "waiting_list" ? null : decisionOn;
        if (decision == "accepted")
        {
            var twoWorkPhases = definition.WorkPhases.Count > 1;
            var a = decisionOn.AddDays(_random.Next(0, 4));
            if (a <= today)
            {
                assessment = Iso(a);
                var p1 = a.AddDays(_random.Next(2, 10));
                if (_random.NextDouble() < 0.2 && p1 <= today)
                {
                    // Closed after the assessment: no further work, or stepped down.
                    (closed, reason) = (Iso(p1), _random.NextDouble() < 0.6 ? "stepped_down_early_help" : "stepped_down_universal");
                    ended = p1;
                }
                else if (p1 <= today)
                {
                    phase1 = Iso(p1);
                    var length = twoWorkPhases ? _random.Next(28, 50) : _random.Next(90, 380);
                    var p1Done = p1.AddDays(length);
                    if (_random.NextDouble() < 0.15)
                    {
                        // Ended early, one way or another.
                        var c = p1.AddDays(_random.Next(7, length));
                        if (c <= today)
                        {
                            closed = Iso(c);
                            reason = Pick("disengaged", "disengaged", "stepped_up_cp", "looked_after", "moved_away", "other");
                            ended = c;
                        }
                    }
                    else if (p1Done <= today)
                    {
                        phase1Done = Iso(p1Done);
                        if (!twoWorkPhases)
                        {
                            (closed, reason, ended) = (Iso(p1Done), Pick("goals_achieved", "goals_achieved", "stepped_down_early_help", "stepped_down_universal"), p1Done);
                        }
                        else
                        {
                            var p2Done = p1Done.AddDays(_random.Next(120, 366));
                            if (p2Done <= today)
                            {
                                var completed = _random.NextDouble() < 0.8;
                                phase2Done = completed ? Iso(p2Done) : "";
                                closed = Iso(p2Done);
                                reason = completed ? Pick("goals_achieved", "goals_achieved", "stepped_down_early_help", "stepped_down_universal") : Pick("disengaged", "stepped_up_cp", "moved_away");
                                ended = p2Done;
                            }
                        }
                    }
                }
            }
            if (closed.Length > 0)
            {
                unmet = _random.NextDouble() < 0.15 ? "yes" : "no";
            }
        }
        var row = new JourneyRow(++_row, service, team, familyRef, string.Join(';', children.Select(c => c.Ref)),
            string.Join(';', children.Select(c => Iso(c.Birth))), referralRef, Iso(received), source, decision, Iso(decisionOn),
            assessment, phase1, phase1Done, phase2Done, closed, reason, unmet);
        return (row, ended);
    }

    private DateOnly Clamp(DateOnly d) => d > today ? today : d;

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
}
