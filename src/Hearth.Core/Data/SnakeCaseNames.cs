using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Data;

/// <summary>Lower-case snake_case names for tables and columns, so hand-written SQL reads the same on both databases.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table)
            {
                // Identity's tables keep their own (plural) names less the "AspNet" prefix; ours are the plural of the type.
                entity.SetTableName(table.StartsWith("AspNet", StringComparison.Ordinal) ? ToSnake(table[6..]) : Plural(ToSnake(entity.ClrType.Name)));
            }
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnake(property.Name));
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnake(key.GetName()!));
            }
            foreach (var fk in entity.GetForeignKeys())
            {
                fk.SetConstraintName(ToSnake(fk.GetConstraintName()!));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnake(index.GetDatabaseName()!));
            }
        }
    }

    private static string Plural(string name) => name switch
    {
        _ when name.EndsWith("person", StringComparison.Ordinal) => name[..^6] + "people",
        _ when name.EndsWith('y') && !name.EndsWith("ey", StringComparison.Ordinal) => name[..^1] + "ies",
        _ when name.EndsWith('s') => name + "es",
        _ => name + "s",
    };

    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
