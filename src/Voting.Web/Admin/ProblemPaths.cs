using System.Text.RegularExpressions;

namespace Voting.Web.Admin;

/// <summary>
/// Ties the problems the engine names by path (<c>envelopes[0].projects[2].cost: reason</c>,
/// <c>voters[4].id: reason</c>) to the admin forms' fields, and the rows of an import to their CSV lines.
/// </summary>
public static partial class ProblemPaths
{
    [GeneratedRegex(@"^envelopes\[0\]\.projects\[(\d+)\]\.(\w+)$")]
    private static partial Regex ProjectPath();

    [GeneratedRegex(@"^voters\[(\d+)\]\.(\w+)$")]
    private static partial Regex VoterPath();

    /// <summary>A problem of a definition built by the election form: its field, or its line of the projects CSV.</summary>
    public static FieldProblem OfDefinition(string problem, IReadOnlyList<int> projectLines)
    {
        var (path, reason) = Split(problem);
        if (ProjectPath().Match(path) is { Success: true } project && Line(project, projectLines) is { } line)
            return new FieldProblem(ElectionFields.Projects, reason, line, ProjectsCsv.ColumnOf(project.Groups[2].Value));
        return path switch
        {
            "id" => new(ElectionFields.Id, reason),
            "title" => new(ElectionFields.Title, reason),
            "balancing" => new(ElectionFields.Balancing, reason),
            "envelopes[0].id" => new(ElectionFields.EnvelopeId, reason),
            "envelopes[0].budget" => new(ElectionFields.Budget, reason),
            "envelopes[0].projects" => new(ElectionFields.Projects, reason),
            _ when path.StartsWith("grades", StringComparison.Ordinal) => new(ElectionFields.Scale, reason),
            _ => new(ElectionFields.Form, problem),
        };
    }

    /// <summary>A problem of a roll import: the line and column of the voters CSV it is about, when it names a row.</summary>
    public static FieldProblem OfRoll(string problem, IReadOnlyList<int> voterLines, string field)
    {
        var (path, reason) = Split(problem);
        return VoterPath().Match(path) is { Success: true } voter && Line(voter, voterLines) is { } line
            ? new FieldProblem(field, reason, line, voter.Groups[2].Value == "id" ? VotersCsv.Voter : VotersCsv.Envelopes)
            : new FieldProblem(field, problem);
    }

    /// <summary>
    /// The engine's problems, less those about a place where the form already found one (the same field, line and
    /// column, or a column missing from the CSV header): every problem at once, each cell's told once.
    /// </summary>
    public static IReadOnlyList<FieldProblem> Besides(IReadOnlyList<FieldProblem> found, IEnumerable<FieldProblem> engine) =>
        [.. engine.Where(p => !found.Any(f => f.Field == p.Field && f.Column == p.Column && (f.Line == p.Line || f.Line == 1)))];

    private static (string Path, string Reason) Split(string problem)
    {
        var at = problem.IndexOf(": ", StringComparison.Ordinal);
        return at < 0 ? ("", problem) : (problem[..at], problem[(at + 2)..]);
    }

    private static int? Line(Match match, IReadOnlyList<int> lines) =>
        int.TryParse(match.Groups[1].ValueSpan, out var index) && index < lines.Count ? lines[index] : null;
}
