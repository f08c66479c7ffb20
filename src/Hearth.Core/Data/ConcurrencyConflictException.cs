namespace Hearth.Core.Data;

/// <summary>Someone else saved the same record after it was read. Nothing was written.</summary>
public sealed class ConcurrencyConflictException(string entityName, Exception? inner = null)
    : Exception($"This {entityName} was changed by someone else while you were editing it. Your changes have not been saved: reload the page to see the latest version.", inner)
{
    public string EntityName { get; } = entityName;
}
