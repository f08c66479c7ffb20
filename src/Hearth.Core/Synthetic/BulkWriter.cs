using System.Data.Common;
using System.Text;
using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hearth.Core.Synthetic;

/// <summary>
/// Inserts many rows with multi-row INSERT statements, bypassing the change tracker and SaveChanges, so a million
/// families take minutes rather than hours. Columns, conversions (enums as text, lists as JSON or arrays, dates) and
/// parameter types come from the EF model, so the rows read back exactly as if EF had saved them. It writes no audit
/// events: the caller writes one event for the whole bulk load. Only for generated data, never for casework.
/// </summary>
internal sealed class BulkWriter(HearthDbContext db)
{
    /// <summary>
    /// PostgreSQL allows 65,535 parameters a statement. SQLite allows 32,766, but binds each one by searching the
    /// statement's names in turn, so long statements get slower per row; a few hundred parameters is its sweet spot.
    /// </summary>
    private readonly int _maxParameters = db.Database.IsSqlite() ? 100 : 30_000;
    private const int MaxRowsPerStatement = 500;

    private readonly Dictionary<Type, TableShape> _shapes = [];

    public long RowsWritten { get; private set; }

    public async Task WriteAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var shape = Shape(typeof(T));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction, so a failure leaves nothing behind.");
        var perStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, _maxParameters / shape.Columns.Length));
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            // Full batches reuse one prepared statement; only the last, shorter one is parsed afresh.
            var command = count == perStatement ? shape.Prepared ??= Prepare(connection, transaction, shape, count) : Prepare(connection, transaction, shape, count);
            var p = 0;
            for (var r = start; r < start + count; r++)
            {
                foreach (var column in shape.Columns)
                {
                    var value = column.Read(rows[r]);
                    if (value is not null && column.Mapping.Converter is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }
                    command.Parameters[p++].Value = value ?? DBNull.Value;
                }
            }
            await command.ExecuteNonQueryAsync(ct);
            if (command != shape.Prepared)
            {
                await command.DisposeAsync();
            }
        }
        RowsWritten += rows.Count;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, TableShape shape, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = shape.Sql(rows);
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            foreach (var column in shape.Columns)
            {
                // The mapping sets the provider's parameter type (text for enums, arrays, dates), as EF's own saves do.
                command.Parameters.Add(column.Mapping.CreateParameter(command, "p" + p++, null, column.Nullable));
            }
        }
        command.Prepare();
        return command;
    }

    private TableShape Shape(Type type)
    {
        if (_shapes.TryGetValue(type, out var shape))
        {
            return shape;
        }
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(store) is not null && p.ValueGenerated != ValueGenerated.OnAdd || p.IsPrimaryKey() && p.ClrType == typeof(Guid))
            .Select(p => new ColumnShape(p.GetColumnName(store)!, p.GetRelationalTypeMapping(), p.IsNullable, Reader(p)))
            .ToArray();
        shape = new TableShape(sql.DelimitIdentifier(table, entity.GetSchema()), columns.Select(c => sql.DelimitIdentifier(c.Name)).ToArray(), columns);
        _shapes[type] = shape;
        return shape;
    }

    private static Func<object, object?> Reader(IProperty property)
    {
        if (property.IsShadowProperty())
        {
            // Shadow columns (none on the generated tables but Goal's levels) are left empty.
            return _ => null;
        }
        var getter = property.GetGetter();
        return getter.GetClrValueUsingContainingEntity;
    }

    private sealed record ColumnShape(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Read);

    private sealed class TableShape(string table, string[] columnNames, ColumnShape[] columns)
    {
        private readonly Dictionary<int, string> _sql = [];

        public ColumnShape[] Columns { get; } = columns;

        /// <summary>The prepared statement for a full batch, kept for the writer's transaction.</summary>
        public DbCommand? Prepared { get; set; }

        public string Sql(int rows)
        {
            if (_sql.TryGetValue(rows, out var text))
            {
                return text;
            }
            var sb = new StringBuilder("INSERT INTO ").Append(table).Append(" (").Append(string.Join(", ", columnNames)).Append(") VALUES ");
            var p = 0;
            for (var r = 0; r < rows; r++)
            {
                sb.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    sb.Append(c == 0 ? "@p" : ", @p").Append(p++);
                }
                sb.Append(')');
            }
            text = sb.ToString();
            _sql[rows] = text;
            return text;
        }
    }
}
