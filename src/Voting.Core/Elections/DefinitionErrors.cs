using System.Text.RegularExpressions;
using Voting.Core.Allocation;
using Voting.Core.Counting;
using Voting.Core.Grades;
using Voting.Core.Text;

namespace Voting.Core.Elections;

/// <summary>Checks an election definition and names every problem with the path of the field at fault.</summary>
public static partial class DefinitionErrors
{
    public const int MaxGrades = 20;

    /// <summary>The most ballot boxes an election's voters can be split over.</summary>
    public const int MaxBallotBoxes = 256;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static IReadOnlyList<string> Of(ElectionDefinition definition)
    {
        var errors = new List<string>();
        if (!IsValidId(definition.Id))
            errors.Add("id: letters, digits, '-', '_' or '.', 1 to 64 characters, starting with a letter or digit");
        if (!Enum.IsDefined(definition.Kind))
            errors.Add("kind: 'budget' or 'question'");
        if (IsBlank(definition.Title))
            errors.Add("title: a text in at least one language, none blank");
        if (definition.Grades is null || definition.Grades.Count < 2 || definition.Grades.Count > MaxGrades)
            errors.Add($"grades: between 2 and {MaxGrades} labels, worst first");
        else
            for (int g = 0; g < definition.Grades.Count; g++)
                if (IsBlank(definition.Grades[g]))
                    errors.Add($"grades[{g}]: a label in at least one language, none blank");

        if (!BalancingPolicy.TryParse(definition.Balancing, out var policy, out var balancingError))
            errors.Add("balancing: " + balancingError);
        else if (policy.Kind == BalancingKind.Static && definition.Grades is not null && policy.StaticGrade >= definition.Grades.Count)
            errors.Add($"balancing: static grade {policy.StaticGrade} is outside the scale of {definition.Grades.Count} grades");
        if (definition.Median != "lower")
            errors.Add("median: only 'lower' is supported");
        if (definition.ParticipationThreshold is < 0 or > 1)
            errors.Add("participationThreshold: a share between 0 and 1");
        if (definition.BallotBoxes is < 1 or > MaxBallotBoxes)
            errors.Add($"ballotBoxes: between 1 and {MaxBallotBoxes}");

        if (definition.Envelopes is null || definition.Envelopes.Count == 0)
        {
            errors.Add("envelopes: at least one envelope");
            return errors;
        }
        if (definition.Kind == ElectionKind.Question && definition.Envelopes.Count != 1)
            errors.Add("envelopes: a question has exactly one envelope whose projects are its options");

        var envelopeIds = new HashSet<string>(StringComparer.Ordinal);
        var projectIds = new HashSet<string>(StringComparer.Ordinal);
        for (int e = 0; e < definition.Envelopes.Count; e++)
        {
            var envelope = definition.Envelopes[e];
            var at = $"envelopes[{e}]";
            if (envelope is null) { errors.Add($"{at}: missing"); continue; }
            if (!IsValidId(envelope.Id)) errors.Add($"{at}.id: letters, digits, '-', '_' or '.'");
            else if (!envelopeIds.Add(envelope.Id)) errors.Add($"{at}.id: '{envelope.Id}' is used twice");
            if (envelope.Title is not null && IsBlank(envelope.Title)) errors.Add($"{at}.title: when given, a text in at least one language, none blank");
            if (definition.Kind == ElectionKind.Budget)
            {
                if (envelope.Budget is null or < 0) errors.Add($"{at}.budget: a non-negative amount");
                if (envelope.Rule is not null && !AllocationRules.IsKnown(envelope.Rule))
                    errors.Add($"{at}.rule: unknown rule '{Excerpt.Of(envelope.Rule)}'; known: {string.Join(", ", AllocationRules.Names)}");
            }
            else if (definition.Kind == ElectionKind.Question && envelope.Budget is not null)
                errors.Add($"{at}.budget: a question has no budget");
            if (envelope.Projects is null || envelope.Projects.Count == 0) { errors.Add($"{at}.projects: at least one"); continue; }
            if (definition.Kind == ElectionKind.Budget && envelope.Projects.Sum(p => (decimal)Math.Max(0, p?.Cost ?? 0)) > AllocationLimits.MaxTotalCost)
                errors.Add($"{at}.projects: the costs add up to more than {AllocationLimits.MaxTotalCost}, the most an allocation counts");
            for (int p = 0; p < envelope.Projects.Count; p++)
            {
                var project = envelope.Projects[p];
                var pat = $"{at}.projects[{p}]";
                if (project is null) { errors.Add($"{pat}: missing"); continue; }
                if (!IsValidId(project.Id)) errors.Add($"{pat}.id: letters, digits, '-', '_' or '.'");
                else if (!projectIds.Add(project.Id)) errors.Add($"{pat}.id: '{project.Id}' is used twice in this election");
                if (IsBlank(project.Title)) errors.Add($"{pat}.title: a text in at least one language, none blank");
                if (definition.Kind == ElectionKind.Budget && project.Cost is null or < 0) errors.Add($"{pat}.cost: a non-negative amount");
                if (definition.Kind == ElectionKind.Question && project.Cost is not null) errors.Add($"{pat}.cost: an option of a question has no cost");
            }
        }
        return errors;
    }

    /// <summary>No language at all, or one whose text is empty or only white space.</summary>
    private static bool IsBlank(LocalizedText? text) =>
        text is null || text.Count == 0 || text.Values.Any(string.IsNullOrWhiteSpace);
}
