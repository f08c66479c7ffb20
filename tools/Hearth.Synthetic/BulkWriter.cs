using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Hearth.Synthetic;

/// <summary>
/// Inserts many rows, bypassing the change tracker and SaveChanges, so a million families take minutes rather than
/// hours: PostgreSQL's binary COPY, and multi-row INSERT statements on SQLite. Columns, conversions (enums as text, lists as JSON or arrays, dates) and
/// parameter types come from the EF model, so the rows read back exactly as if EF had saved them. It writes no audit
/// events: the caller writes one event for the whole bulk load. Only for generated data, never for casework.
/// </summary>
internal sealed partial class BulkWriter(HearthDbContext db)
{
    /// <summary>
    /// SQLite allows 32,766 parameters a statement, but binds each one by searching the statement's names in turn, so
    /// long statements get slower per row; about a hundred parameters is its sweet spot.
    /// </summary>
    private const int MaxParameters = 100;
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
        if (connection is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, shape, rows, ct);
            RowsWritten += rows.Count;
            return;
        }
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction, so a failure leaves nothing behind.");
        var perStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParameters / shape.Columns.Length));
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
                    command.Parameters[p++].Value = column.Provide(rows[r]!) ?? DBNull.Value;
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

    /// <summary>
    /// Streams the rows with COPY ... FROM STDIN (FORMAT BINARY), several times faster than INSERT: no SQL to parse and
    /// no parameters to bind. It runs in the connection's open transaction like any other command.
    /// </summary>
    private static async Task CopyAsync<T>(NpgsqlConnection connection, TableShape shape, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {shape.Table} ({string.Join(", ", shape.ColumnNames)}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in shape.Columns)
            {
                if (column.Provide(row) is { } value)
                {
                    await importer.WriteAsync(value, column.CopyType, ct);
                }
                else
                {
                    await importer.WriteNullAsync(ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
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

    private sealed record ColumnShape(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Read)
    {
        /// <summary>The store type without its facets ("character varying(200)" is "character varying"), for COPY.</summary>
        public string CopyType { get; } = Facets().Replace(Mapping.StoreType, "");

        /// <summary>The row's value as the database stores it (enums as text, lists as JSON...), as EF's own saves convert it.</summary>
        public object? Provide(object row) => Read(row) is { } value && Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : Read(row);
    }

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Facets();

    private sealed class TableShape(string table, string[] columnNames, ColumnShape[] columns)
    {
        private readonly Dictionary<int, string> _sql = [];

        public string Table { get; } = table;
        public string[] ColumnNames { get; } = columnNames;

        public ColumnShape[] Columns { get; } = columns;

        /// <summary>The prepared statement for a full batch, kept for the writer's transaction.</summary>
        public DbCommand? Prepared { get; set; }

        public string Sql(int rows)
        {
            if (_sql.TryGetValue(rows, out var text))
            {
                return text;
            }
            var sb = new StringBuilder("INSERT INTO ").Append(Table).Append(" (").Append(string.Join(", ", ColumnNames)).Append(") VALUES ");
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
