using System.Globalization;
using System.Text;

namespace Hearth.Core.Results;

/// <summary>Results evaluations as CSV, one row per attached family and result (`hearth results evaluate`, the API, the pages).</summary>
public static class ResultsExport
{
    public static readonly IReadOnlyList<string> Columns =
        ["family_ref", "framework", "framework_version", "attached_on", "result", "met", "achieved_since", "claimable_from", "claimable", "claimed", "amount", "computation"];

    public static string EvaluationCsv(IReadOnlyList<FamilyResults> families)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(",", Columns));
        foreach (var f in families)
        {
            foreach (var r in f.Results)
            {
                sb.AppendLine(string.Join(",",
                    ClaimService.Csv(f.FamilyReference), f.FrameworkCode, f.FrameworkVersion.ToString(CultureInfo.InvariantCulture), Date(f.AttachedOn), r.Key,
                    r.Met ? "yes" : "no", r.AchievedSince is { } a ? Date(a) : "", r.ClaimableFrom is { } c ? Date(c) : "", r.Claimable ? "yes" : "no",
                    f.Claimed.Contains(r.Key) ? "yes" : "no", r.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                    ClaimService.Csv(string.Join(" | ", r.Rules.Select(x => x.Computation)))));
            }
        }
        return sb.ToString();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
