namespace Hearth.Core.Data;

/// <summary>The database settings are wrong or the database cannot be reached. The message is shown to an operator as it is.</summary>
public sealed class DatabaseConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
