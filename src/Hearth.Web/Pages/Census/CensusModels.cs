using Hearth.Core.Returns.Census;

namespace Hearth.Web.Pages.Census;

/// <summary>The issue table partial: at most <see cref="Limit"/> rows in the page, the CSV has them all.</summary>
public sealed record IssueTableModel(string Caption, IReadOnlyList<CensusIssue> Issues, int Limit = 1000);
