using Voting.Core.Text;

namespace Voting.Core.Elections;

/// <summary>
/// Checks a ballot against the definition and the envelopes its voter may vote in, and names every problem with the
/// path of the grade at fault (<c>grades.{project}: reason</c>). A ballot with an unknown project or a grade outside
/// the scale is invalid; a valid ballot that grades a project of an envelope the voter may not vote in is forbidden.
/// </summary>
public sealed class BallotErrors(ElectionDefinition definition)
{
    private readonly Dictionary<string, string> _envelopeOf = definition.Envelopes
        .SelectMany(e => e.Projects.Select(p => (Project: p.Id, Envelope: e.Id)))
        .ToDictionary(x => x.Project, x => x.Envelope, StringComparer.Ordinal);

    private readonly int _grades = definition.Grades.Count;

    /// <summary>Null for an acceptable ballot; otherwise whether it is only forbidden (not invalid), and every problem.</summary>
    public (bool Forbidden, IReadOnlyList<string> Problems)? Check(IReadOnlyDictionary<string, int>? grades, IReadOnlyList<string> allowedEnvelopes)
    {
        if (grades is null || grades.Count == 0)
            return (false, ["grades: give a grade index per project, e.g. {\"project-id\": 3}"]);
        var invalid = new List<string>();
        var forbidden = new List<string>();
        foreach (var (project, grade) in grades)
        {
            if (project is null || !_envelopeOf.TryGetValue(project, out var envelope))
            {
                invalid.Add($"grades.{Excerpt.Of(project)}: unknown project '{Excerpt.Of(project)}'");
                continue;
            }
            if (grade < 0 || grade >= _grades)
                invalid.Add($"grades.{project}: grade {grade} of project '{project}' is outside the scale: 0 (worst) to {_grades - 1} (best)");
            if (!allowedEnvelopes.Contains(envelope))
                forbidden.Add($"grades.{project}: project '{project}' is in envelope '{envelope}', which this invitation may not vote in");
        }
        if (invalid.Count > 0) return (false, Listed(invalid));
        return forbidden.Count > 0 ? (true, Listed(forbidden)) : null;
    }

    /// <summary>The first <see cref="RollErrors.MaxListed"/> problems, the rest counted.</summary>
    private static IReadOnlyList<string> Listed(List<string> problems) =>
        problems.Count <= RollErrors.MaxListed
            ? problems
            : [.. problems.Take(RollErrors.MaxListed), $"grades: {problems.Count - RollErrors.MaxListed} more problems"];
}
