using System.Globalization;
using Hearth.Core.Returns.BankHolidays;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>One DfE validation rule: its code, whether it is an error or a query, its message and the fields it reads.</summary>
public abstract class CensusRule(string code, string message, params string[] fields)
{
    public string Code { get; } = code;
    public string Message { get; } = message;
    public IReadOnlyList<string> Fields { get; } = fields;
    /// <summary>DfE codes ending in Q are queries (to be checked or explained); the rest are errors.</summary>
    public CensusSeverity Severity => Code.EndsWith('Q') ? CensusSeverity.Query : CensusSeverity.Error;

    public override string ToString() => $"{Code} {Message}";
}

/// <summary>A rule checked on one child at a time.</summary>
public abstract class ChildRule(string code, string message, params string[] fields) : CensusRule(code, message, fields)
{
    public abstract void Check(CensusChild child, CensusContext context, CensusIssueSink issues);
}

/// <summary>A rule over the header or the whole file (duplicates, LA-level proportions).</summary>
public abstract class FileRule(string code, string message, params string[] fields) : CensusRule(code, message, fields)
{
    public abstract void Check(CensusFile file, CensusContext context, CensusIssueSink issues);
}

/// <summary>What every rule needs to know about the collection it checks.</summary>
public sealed class CensusContext
{
    public CensusContext(CensusYear year)
    {
        Year = year;
        ReferenceDate = year.ReferenceDate;
        CensusStart = year.CensusStart;
        FortyFiveWorkingDaysBack = WorkingDays.StartOfPeriodEnding(ReferenceDate, 45);
        FifteenWorkingDaysBack = WorkingDays.StartOfPeriodEnding(ReferenceDate, 15);
        WorkingDayBeforeCensusStart = WorkingDays.PreviousWorkingDay(CensusStart);
    }

    public CensusYear Year { get; }
    /// <summary>The collection year's 31 March (not the header's value, which rule 100 checks separately).</summary>
    public DateOnly ReferenceDate { get; }
    public DateOnly CensusStart { get; }
    public DateOnly FortyFiveWorkingDaysBack { get; }
    public DateOnly FifteenWorkingDaysBack { get; }
    public DateOnly WorkingDayBeforeCensusStart { get; }

    public bool InCensusPeriod(DateOnly date) => date >= CensusStart && date <= ReferenceDate;
}

/// <summary>Collects issues, formatting the values involved the same way for every rule.</summary>
public sealed class CensusIssueSink
{
    private readonly List<CensusIssue> _issues = [];

    public IReadOnlyList<CensusIssue> Issues => _issues;

    public void Add(CensusRule rule, CensusChild? child, string? path, params (string Field, object? Value)[] fields) =>
        _issues.Add(new CensusIssue(
            child?.LAchildID,
            rule.Code,
            rule.Severity,
            rule.Message,
            fields.Select(f => new CensusFieldValue(f.Field, Format(f.Value))).ToArray(),
            path));

    internal void AddStructural(StructuralIssue issue) =>
        _issues.Add(new CensusIssue(issue.LAchildID, CensusIssue.SchemaCode, CensusSeverity.Error, issue.Message, [], issue.Path));

    public static string Format(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>Paths of the groups rules report on, in the form Message/Children/Child[3]/CINdetails[1]/Section47[2].</summary>
public static class CensusPaths
{
    public static string Identifiers(CensusChild c) => c.Path + "/ChildIdentifiers";
    public static string Characteristics(CensusChild c) => c.Path + "/ChildCharacteristics";
    public static string Cin(CensusChild c, CinDetails d) => $"{c.Path}/CINdetails[{c.CINdetails.IndexOf(d) + 1}]";
    public static string Assessment(CensusChild c, CinDetails d, Assessment a) => $"{Cin(c, d)}/Assessments[{d.Assessments.IndexOf(a) + 1}]";
    public static string Plan(CensusChild c, CinDetails d, CinPlan p) => $"{Cin(c, d)}/CINPlanDates[{d.CINPlanDates.IndexOf(p) + 1}]";
    public static string S47(CensusChild c, CinDetails d, Section47 s) => $"{Cin(c, d)}/Section47[{d.Section47.IndexOf(s) + 1}]";
    public static string Cpp(CensusChild c, CinDetails d, ChildProtectionPlan p) => $"{Cin(c, d)}/ChildProtectionPlans[{d.ChildProtectionPlans.IndexOf(p) + 1}]";
}

/// <summary>The rules of one collection year: the previous year's, plus what this year adds, changes and removes.</summary>
public sealed class CensusRuleSet
{
    public CensusRuleSet(string year, CensusRuleSet? previous, IReadOnlyList<CensusRule> added, IReadOnlyList<CensusRule> changed, IReadOnlyList<string> removed)
    {
        Year = year;
        Previous = previous;
        Added = added;
        Changed = changed;
        Removed = removed;
        var rules = previous?.Rules.ToList() ?? [];
        foreach (var code in removed)
        {
            var at = rules.FindIndex(r => r.Code == code);
            if (at < 0)
            {
                throw new InvalidOperationException($"{year} removes rule {code}, which {previous?.Year ?? "no earlier year"} does not have.");
            }
            rules.RemoveAt(at);
        }
        foreach (var rule in changed)
        {
            var at = rules.FindIndex(r => r.Code == rule.Code);
            if (at < 0)
            {
                throw new InvalidOperationException($"{year} changes rule {rule.Code}, which {previous?.Year ?? "no earlier year"} does not have.");
            }
            rules[at] = rule;
        }
        foreach (var rule in added)
        {
            if (rules.Any(r => r.Code == rule.Code))
            {
                throw new InvalidOperationException($"{year} adds rule {rule.Code}, which it already has; list it as changed instead.");
            }
            rules.Add(rule);
        }
        Rules = rules;
        ChildRules = rules.OfType<ChildRule>().ToArray();
        FileRules = rules.OfType<FileRule>().ToArray();
    }

    public string Year { get; }
    public CensusRuleSet? Previous { get; }
    public IReadOnlyList<CensusRule> Added { get; }
    public IReadOnlyList<CensusRule> Changed { get; }
    public IReadOnlyList<string> Removed { get; }
    public IReadOnlyList<CensusRule> Rules { get; }
    public IReadOnlyList<ChildRule> ChildRules { get; }
    public IReadOnlyList<FileRule> FileRules { get; }

    public CensusRule? Find(string code) => Rules.FirstOrDefault(r => r.Code == code);
}
