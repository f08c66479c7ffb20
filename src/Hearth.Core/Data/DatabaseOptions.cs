namespace Hearth.Core.Data;

/// <summary>Which database Hearth talks to. Bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (the default, a file in <see cref="DataFolder"/>) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Required for Postgres; for Sqlite it overrides the file in <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded database file lives when no connection string is given.</summary>
    public string DataFolder { get; set; } = "data";
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
