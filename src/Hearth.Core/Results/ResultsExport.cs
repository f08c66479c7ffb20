using Hearth.Core.Exports;

namespace Hearth.Core.Results;

/// <summary>Results evaluations as CSV, one row per attached family and result (`hearth results evaluate`, the API, the pages).</summary>
public static class ResultsExport
{
    public static readonly IReadOnlyList<string> Columns =
        ["family_ref", "framework", "framework_version", "attached_on", "result", "met", "achieved_since", "claimable_from", "claimable", "claimed", "amount", "computation"];

    public static string EvaluationCsv(IReadOnlyList<FamilyResults> families) => ExportCsv.ToText(csv =>
    {
        csv.Row(Columns);
        foreach (var f in families)
        {
            foreach (var r in f.Results)
            {
                csv.Text(f.FamilyReference).Text(f.FrameworkCode).Number(f.FrameworkVersion).Date(f.AttachedOn).Text(r.Key)
                    .Text(r.Met ? "yes" : "no").Date(r.AchievedSince).Date(r.ClaimableFrom).Text(r.Claimable ? "yes" : "no")
                    .Text(f.Claimed.Contains(r.Key) ? "yes" : "no").Number(r.Amount, "0.00")
                    .Text(string.Join(" | ", r.Rules.Select(x => x.Computation)))
                    .EndRow();
            }
        }
    });
}
