namespace Voting.Core.Pabulib;

/// <summary>
/// A Pabulib instance: META (key/value pairs in file order), PROJECTS and VOTES, each section with its column
/// header. Read one with <see cref="PbReader"/>, write one with <see cref="PbWriter"/>.
/// </summary>
public sealed class PbInstance
{
    private readonly Dictionary<string, PbProject> _byId;
    private readonly IReadOnlyDictionary<string, int> _metaLines;

    /// <param name="meta">META entries in order; keys must be unique.</param>
    /// <param name="projects">PROJECTS rows; ids must be unique.</param>
    /// <param name="votes">VOTES rows.</param>
    /// <param name="projectColumns">The PROJECTS header; by default <c>project_id;cost;</c>the fields of the first project<c>;name</c>.</param>
    /// <param name="voteColumns">The VOTES header; by default <c>voter_id;vote</c>, <c>points</c> when ballots have points, then the fields of the first vote.</param>
    public PbInstance(
        IEnumerable<KeyValuePair<string, string>> meta,
        IReadOnlyList<PbProject> projects,
        IReadOnlyList<PbVote> votes,
        IReadOnlyList<string>? projectColumns = null,
        IReadOnlyList<string>? voteColumns = null)
        : this(meta, projects, votes, projectColumns, voteColumns, metaLines: null)
    {
    }

    internal PbInstance(
        IEnumerable<KeyValuePair<string, string>> meta,
        IReadOnlyList<PbProject> projects,
        IReadOnlyList<PbVote> votes,
        IReadOnlyList<string>? projectColumns,
        IReadOnlyList<string>? voteColumns,
        IReadOnlyDictionary<string, int>? metaLines)
    {
        ArgumentNullException.ThrowIfNull(meta);
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(votes);
        var ordered = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in meta)
            if (!ordered.TryAdd(key, value))
                throw new ArgumentException($"META key '{key}' appears twice", nameof(meta));
        Meta = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(ordered);
        Projects = projects.ToArray();
        Votes = votes is PbVote[] array ? array : votes.ToArray();
        _byId = new Dictionary<string, PbProject>(StringComparer.Ordinal);
        foreach (var project in Projects)
            if (!_byId.TryAdd(project.Id, project))
                throw new ArgumentException($"project '{project.Id}' appears twice", nameof(projects));
        ProjectColumns = (projectColumns ?? DefaultProjectColumns(Projects)).ToArray();
        VoteColumns = (voteColumns ?? DefaultVoteColumns(Votes)).ToArray();
        _metaLines = metaLines ?? new Dictionary<string, int>();
    }

    /// <summary>The META section, enumerated in file order.</summary>
    public IReadOnlyDictionary<string, string> Meta { get; }

    public IReadOnlyList<string> ProjectColumns { get; }

    public IReadOnlyList<PbProject> Projects { get; }

    public IReadOnlyList<string> VoteColumns { get; }

    public IReadOnlyList<PbVote> Votes { get; }

    public string? MetaValue(string key) => Meta.TryGetValue(key, out var value) ? value : null;

    /// <summary>The line of a META key when the instance was read from a file.</summary>
    public int? MetaLine(string key) => _metaLines.TryGetValue(key, out var line) ? line : null;

    /// <summary>META <c>vote_type</c>; <see cref="PbVoteType.Approval"/> when absent, as Pabulib's default.</summary>
    public PbVoteType VoteType =>
        MetaValue("vote_type") is { } text
            ? PbVoteTypes.TryParse(text, out var type)
                ? type
                : throw new PbFormatException(MetaLine("vote_type"), "vote_type", $"'{text}' is not a Pabulib vote type ({string.Join(", ", PbVoteTypes.Names)})")
            : PbVoteType.Approval;

    /// <summary>META <c>budget</c>, exactly as written (<c>1500000.50</c>), or null when absent.</summary>
    public decimal? Budget =>
        MetaValue("budget") is { } text
            ? PbNumbers.TryParseDecimal(text, out var budget)
                ? budget
                : throw new PbFormatException(MetaLine("budget"), "budget", $"'{text}' is not a number")
            : null;

    /// <summary>META <c>rule</c>, or null when absent.</summary>
    public string? Rule => MetaValue("rule") is { } rule && rule.Trim().Length > 0 ? rule.Trim() : null;

    public string? Description => MetaValue("description");

    public PbProject? FindProject(string id) => _byId.GetValueOrDefault(id);

    private static IReadOnlyList<string> DefaultProjectColumns(IReadOnlyList<PbProject> projects)
    {
        var columns = new List<string> { "project_id", "cost" };
        if (projects.Count > 0)
            columns.AddRange(projects[0].Fields.Keys);
        if (projects.Any(p => p.Name is not null))
            columns.Add("name");
        return columns;
    }

    private static IReadOnlyList<string> DefaultVoteColumns(IReadOnlyList<PbVote> votes)
    {
        var columns = new List<string> { "voter_id", "vote" };
        if (votes.Any(v => v.Points is not null))
            columns.Add("points");
        if (votes.Count > 0)
            columns.AddRange(votes[0].Fields.Keys);
        return columns;
    }
}
