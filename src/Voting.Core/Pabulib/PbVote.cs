namespace Voting.Core.Pabulib;

/// <summary>
/// A row of the VOTES section: the voter, the projects of the <c>vote</c> column (in file order, which is the
/// rank for ordinal ballots), the <c>points</c> given to each when the file has that column, and every other
/// column (<c>age</c>, <c>sex</c>, <c>voting_method</c>...) by name.
/// </summary>
public sealed class PbVote
{
    public PbVote(string voterId, IReadOnlyList<string> projects, IReadOnlyList<long>? points = null,
        IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(voterId);
        ArgumentNullException.ThrowIfNull(projects);
        if (points is not null && points.Count != projects.Count)
            throw new ArgumentException($"{points.Count} points for {projects.Count} projects", nameof(points));
        VoterId = voterId;
        Projects = projects.ToArray();
        Points = points?.ToArray();
        var ordered = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields ?? [])
            ordered[key] = value;
        Fields = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(ordered);
    }

    public string VoterId { get; }

    public IReadOnlyList<string> Projects { get; }

    /// <summary>Points per project, parallel to <see cref="Projects"/>; null when the file has no <c>points</c> column.</summary>
    public IReadOnlyList<long>? Points { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public override string ToString() => $"{VoterId}: {string.Join(',', Projects)}";
}
