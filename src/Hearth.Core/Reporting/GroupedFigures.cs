using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Several figures of one set of rows in one statement, as conditional aggregates: each figure is an aggregate over
/// the rows (<c>rows =&gt; rows.LongCount(r =&gt; ...)</c>, or <c>rows.Where(...).Select(r =&gt; r.Id).Distinct().LongCount()</c>),
/// and they become <c>COUNT(CASE WHEN ... END)</c> columns of one SELECT, grouped by a key or over all the rows.
/// A report whose figures are counts of the same rows under different conditions (per quarter, per band, per month
/// end) scans those rows once instead of once per figure. EF translates this the same way on SQLite and PostgreSQL.
/// </summary>
internal static class GroupedFigures
{
    /// <summary>The figures over all the rows (zeros when there are none).</summary>
    public static async Task<long[]> FiguresAsync<T>(this IQueryable<T> rows, CancellationToken ct, params Expression<Func<IEnumerable<T>, long>>[] figures) =>
        (await rows.FiguresByAsync(_ => 1, ct, figures)).GetValueOrDefault(1) ?? new long[figures.Length];

    /// <summary>The figures for each value of a key; keys with no rows are absent.</summary>
    public static async Task<Dictionary<TKey, long[]>> FiguresByAsync<T, TKey>(this IQueryable<T> rows, Expression<Func<T, TKey>> key, CancellationToken ct,
        params Expression<Func<IEnumerable<T>, long>>[] figures) where TKey : notnull
    {
        // g => new Figures<TKey> { Key = g.Key, Values = new[] { figure0(g), figure1(g), ... } }
        var g = Expression.Parameter(typeof(IGrouping<TKey, T>), "g");
        var values = figures.Select(f => new Substitute(f.Parameters[0], g).Visit(f.Body));
        var body = Expression.MemberInit(Expression.New(typeof(Figures<TKey>)),
            Expression.Bind(typeof(Figures<TKey>).GetProperty(nameof(Figures<TKey>.Key))!, Expression.Property(g, nameof(IGrouping<TKey, T>.Key))),
            Expression.Bind(typeof(Figures<TKey>).GetProperty(nameof(Figures<TKey>.Values))!, Expression.NewArrayInit(typeof(long), values)));
        var result = await rows.GroupBy(key).Select(Expression.Lambda<Func<IGrouping<TKey, T>, Figures<TKey>>>(body, g)).ToListAsync(ct);
        return result.ToDictionary(r => r.Key, r => r.Values);
    }

    private sealed class Figures<TKey>
    {
        public required TKey Key { get; init; }
        public required long[] Values { get; init; }
    }

    private sealed class Substitute(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
