using Voting.Core.Elections;
using Voting.Grains.Contracts;

namespace Voting.Grains.Elections;

/// <summary>Checks a ballot's grades against the definition and the envelopes the voter may vote in.</summary>
internal sealed class BallotCheck(ElectionDefinition definition)
{
    private readonly Dictionary<string, string> _envelopeOf = definition.Envelopes
        .SelectMany(e => e.Projects.Select(p => (Project: p.Id, Envelope: e.Id)))
        .ToDictionary(x => x.Project, x => x.Envelope, StringComparer.Ordinal);

    private readonly int _grades = definition.Grades.Count;

    /// <summary>Null when the ballot is acceptable; otherwise the failure (Invalid first, then Forbidden) and its reason.</summary>
    public (Failure Failure, string Error)? Check(IReadOnlyDictionary<string, int>? grades, IReadOnlyList<string> allowedEnvelopes)
    {
        if (grades is null || grades.Count == 0)
            return (Failure.Invalid, "grades: give a grade index per project, e.g. {\"project-id\": 3}");
        foreach (var (project, grade) in grades)
        {
            if (project is null || !_envelopeOf.ContainsKey(project))
                return (Failure.Invalid, $"unknown project '{project}'");
            if (grade < 0 || grade >= _grades)
                return (Failure.Invalid, $"grade {grade} of project '{project}' is outside the scale: 0 (worst) to {_grades - 1} (best)");
        }
        foreach (var project in grades.Keys)
        {
            var envelope = _envelopeOf[project];
            if (!allowedEnvelopes.Contains(envelope))
                return (Failure.Forbidden, $"project '{project}' is in envelope '{envelope}', which this invitation may not vote in");
        }
        return null;
    }
}
