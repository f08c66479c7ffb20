using System.Globalization;
using System.Text;

namespace Hearth.Core.Tests.Reporting;

/// <summary>Builds journey-import CSV files that reproduce the source documents' published figures.</summary>
internal sealed class JourneyCsv
{
    public const string Header = "service,team,family_ref,child_refs,child_birth_dates,referral_ref,received_on,referral_source,decision,decision_on,assessment_started_on,phase1_started_on,phase1_completed_on,phase2_completed_on,closed_on,closure_reason,unmet_need";

    private readonly StringBuilder _csv = new(Header + "\n");
    private int _next;

    public int Rows { get; private set; }

    public string NewChild() => $"C{++_next}";

    /// <summary>Adds one referral row; the family is named after its first child unless given.</summary>
    public void Add(string service, string team, string child, DateOnly received, string decision,
        DateOnly? assessment = null, DateOnly? phase1 = null, DateOnly? phase1Done = null, DateOnly? phase2Done = null,
        DateOnly? closed = null, string? closure = null, bool unmet = false, string? family = null)
    {
        Rows++;
        string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var decided = decision.Length == 0 ? "" : D(received);
        _csv.Append(CultureInfo.InvariantCulture, $"{service},{team},{family ?? "F-" + child.Split(';')[0]},{child},,R{Rows},{D(received)},5A,{decision},{decided},{D(assessment)},{D(phase1)},{D(phase1Done)},{D(phase2Done)},{D(closed)},{closure ?? ""},{(unmet ? "yes" : "no")}\n");
    }

    public override string ToString() => _csv.ToString();
}
