namespace Hearth.Core.Casework;

public enum QuestionKind
{
    Text,
    Choice,
    Scale,
    Date,
}

/// <summary>A question a programme's assessment asks beyond the shared core. Scale questions run from Min to Max.</summary>
public sealed record AssessmentQuestion(string Key, string Text, QuestionKind Kind, IReadOnlyList<string>? Choices = null, int Min = 0, int Max = 10, bool Required = false);

/// <summary>
/// A programme's assessment type. It lives inside the programme definition, so it is versioned with it: an assessment
/// keeps the questions of the programme version its episode was opened under.
/// </summary>
public sealed record AssessmentDefinition(string Name, IReadOnlyList<AssessmentQuestion> Questions)
{
    public static readonly AssessmentDefinition Default = new("Family assessment", []);

    /// <summary>The IFSS 72-hour assessment (seeds/002, Table 5-1).</summary>
    public static readonly AssessmentDefinition Ifss = new("72-hour assessment",
    [
        new("substances_used", "Which substances does the parent use?", QuestionKind.Text, Required: true),
        new("motivation_to_change", "How motivated is the parent to change?", QuestionKind.Scale, Min: 0, Max: 10, Required: true),
        new("treatment_engagement", "Is the parent engaged with treatment?", QuestionKind.Choice, ["Not engaged", "Referred", "Engaged"]),
        new("last_use", "When did the parent last use?", QuestionKind.Date),
    ]);

    /// <summary>The whole-family assessment used by Troubled Families / Supporting Families.</summary>
    public static readonly AssessmentDefinition FamilyCaf = new("Family CAF",
    [
        new("headline_problems", "Which headline problems apply?", QuestionKind.Text, Required: true),
        new("lead_professional_agreed", "Has the family agreed a lead professional?", QuestionKind.Choice, ["Yes", "No"]),
    ]);

    public AssessmentQuestion? Question(string key) => Questions.FirstOrDefault(q => q.Key == key);
}
