using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Hearth.Core.Security;
using Hearth.Core.Returns.Census;
using Hearth.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Census;

/// <summary>
/// Every census issue in the records for the current collection year, across the council, grouped by rule: each rule
/// is a collapsible section with its label, code and count of children, paged at <see cref="PageSize"/> children so a
/// large council's page stays short. One rule is paged at a time (<see cref="Rule"/>, <see cref="PageNumber"/>; "page" itself is the Razor Pages route value).
/// </summary>
[RequirePermission(Permission.ManageReturns)]
public sealed class ReadinessModel(CensusExport census, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public const int PageSize = 25;

    /// <summary>The rule being paged through; every other rule shows its first page.</summary>
    [BindProperty(SupportsGet = true)] public string? Rule { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    /// <summary>One child under a rule: who, where the record is, and the values that broke the rule.</summary>
    public sealed record RuleChild(string? LAchildID, string? FamilyReference, string TeamName, Guid? FamilyId, IReadOnlyList<string> Details);

    /// <summary>A rule with issues: its code, label, type and how many children it catches, with one page of them.</summary>
    public sealed record RuleGroup(string Code, string Label, CensusSeverity Severity, string SeverityText, int ChildCount, int IssueCount,
        IReadOnlyList<RuleChild> Children, int Page, int PageCount)
    {
        public string Anchor => "rule-" + Code.ToLowerInvariant();
    }

    public CensusReadiness Readiness { get; private set; } = null!;
    public IReadOnlyList<RuleGroup> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Readiness = await census.ReadinessAsync(Actor, ct);
        // One pass over the issues: each rule's children in the order the census lists them, paged after grouping.
        Rules = Readiness.Children
            .SelectMany(c => c.Issues.Select(i => (Child: c.Child, Issue: i)))
            .GroupBy(x => x.Issue.Code, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.ToList()))
            .OrderBy(r => r.Severity == CensusSeverity.Error ? 0 : 1)
            .ThenByDescending(r => r.ChildCount)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    private RuleGroup Group(string code, List<(CensusChildRecord Child, CensusIssue Issue)> issues)
    {
        var first = issues[0].Issue;
        // A rule's message is its label; only structural (schema) issues differ one from another, so they keep theirs per child.
        var uniform = issues.All(x => x.Issue.Message == first.Message);
        var children = issues.GroupBy(x => x.Child.PersonId).Select(c => new RuleChild(
            c.First().Child.Child.LAchildID, c.First().Child.FamilyReference, c.First().Child.TeamName, c.First().Child.FamilyId,
            c.Select(x => uniform ? CensusReportWriter.FormatFields(x.Issue.Fields) : $"{x.Issue.Message} {CensusReportWriter.FormatFields(x.Issue.Fields)}".Trim())
                .Where(d => d.Length > 0).Distinct().ToList())).ToList();
        var pages = Math.Max(1, (children.Count + PageSize - 1) / PageSize);
        var page = string.Equals(Rule, code, StringComparison.OrdinalIgnoreCase) ? Math.Clamp(PageNumber, 1, pages) : 1;
        return new RuleGroup(code, uniform ? first.Message : t["The record does not fit the census file's structure"], first.Severity, first.SeverityText,
            children.Count, issues.Count, children.Skip((page - 1) * PageSize).Take(PageSize).ToList(), page, pages);
    }

    /// <summary>True for the section to show open: the rule being paged through.</summary>
    public bool IsOpen(RuleGroup rule) => string.Equals(Rule, rule.Code, StringComparison.OrdinalIgnoreCase);

    public string PageHref(RuleGroup rule, int page) =>
        Url.Page("/Census/Readiness", null, new { rule = rule.Code, pageNumber = page }, null, null, rule.Anchor)!;

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where an issue is fixed: the family record, which shows each child's census issues and links to the person
    /// records and the statutory records (whose child page shows them again). A child with no family goes to the list.
    /// </summary>
    public string FamilyHref(Guid? familyId) => familyId is { } id ? Url.Page("/Families/Show", new { id })! : Url.Page("/Families/Index")!;
}
