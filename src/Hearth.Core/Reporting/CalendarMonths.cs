using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hearth.Core.Reporting;

/// <summary>
/// Calendar-month arithmetic that the reports use inside their queries, defined once. SQLite's date('+N months')
/// rolls 31 August + 6 months over to 3 March while PostgreSQL stops at 28 February, so the database works from the
/// dates' year, month and day parts instead, which both providers translate the same way. Call these methods in a
/// LINQ query: <see cref="CalendarMonthsInterceptor"/> replaces each call with its expression before EF translates
/// it; outside a query they run as ordinary C#, with the same answers.
/// </summary>
public static class CalendarMonths
{
    /// <summary>
    /// Whole calendar months from <paramref name="start"/> to <paramref name="end"/>: the difference of year x 12 + month,
    /// less one when the end's day of the month is before the start's. 15 January to 14 April is 2; to 15 April, 3.
    /// </summary>
    public static int Between(DateOnly start, DateOnly end) => BetweenCompiled(start, end);

    /// <summary>
    /// Whether <paramref name="date"/> is on or before the same day of the month <paramref name="months"/> months after
    /// <paramref name="start"/> (that month's last day when it is shorter: from 31 August, 6 months runs to the end of
    /// February). Dates before <paramref name="start"/> count as within; callers say whether they want them.
    /// </summary>
    public static bool Within(DateOnly start, DateOnly date, int months) => WithinCompiled(start, date, months);

    internal static readonly Expression<Func<DateOnly, DateOnly, int>> BetweenExpression = (start, end) =>
        (end.Year * 12 + end.Month) - (start.Year * 12 + start.Month) - (end.Day < start.Day ? 1 : 0);

    // Fewer whole months, or exactly that many and the same day of the month; a shorter month's last day has fewer
    // whole months by the rule above (31 August to 28 February is 5), so it is within.
    internal static readonly Expression<Func<DateOnly, DateOnly, int, bool>> WithinExpression = (start, date, months) =>
        Between(start, date) < months || (Between(start, date) == months && date.Day == start.Day);

    internal static readonly IReadOnlyDictionary<MethodInfo, LambdaExpression> Expressions = new Dictionary<MethodInfo, LambdaExpression>
    {
        [typeof(CalendarMonths).GetMethod(nameof(Between))!] = BetweenExpression,
        [typeof(CalendarMonths).GetMethod(nameof(Within))!] = WithinExpression,
    };

    private static readonly Func<DateOnly, DateOnly, int> BetweenCompiled = BetweenExpression.Compile();
    private static readonly Func<DateOnly, DateOnly, int, bool> WithinCompiled = WithinExpression.Compile();
}

/// <summary>Inlines <see cref="CalendarMonths"/> calls into every query before translation (registered in DatabaseSetup).</summary>
public sealed class CalendarMonthsInterceptor : IQueryExpressionInterceptor
{
    public static readonly CalendarMonthsInterceptor Instance = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) => new Inliner().Visit(queryExpression);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!CalendarMonths.Expressions.TryGetValue(node.Method, out var lambda))
            {
                return base.VisitMethodCall(node);
            }
            var arguments = node.Arguments.Select(Visit).ToList();
            var body = new Substitute(lambda.Parameters.Zip(arguments!).ToDictionary(p => p.First, p => p.Second!)).Visit(lambda.Body);
            // The body may itself call CalendarMonths.
            return Visit(body);
        }
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : node;
    }
}
