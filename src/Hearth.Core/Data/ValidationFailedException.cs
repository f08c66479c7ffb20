namespace Hearth.Core.Data;

/// <summary>One problem with one input field, in words a user can act on.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Input was refused whole; nothing was written. Each error names the field and the problem.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public ValidationFailedException(string field, string message) : this([new FieldError(field, message)])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>Collects field errors and throws them together, so a user sees every problem at once.</summary>
public sealed class Validator
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public Validator Add(string field, string message)
    {
        _errors.Add(new FieldError(field, message));
        return this;
    }

    public Validator Require(string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }
        return this;
    }

    public Validator MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"{label} must be {max} characters or fewer");
        }
        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToList());
        }
    }
}
