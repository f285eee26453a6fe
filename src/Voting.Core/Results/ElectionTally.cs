using Voting.Core.Elections;

namespace Voting.Core.Results;

/// <summary>The tallies of every envelope of an election, and the number of voters with a counted ballot.</summary>
public sealed class ElectionTally
{
    private readonly Dictionary<string, EnvelopeTally> _envelopes;

    public ElectionTally(ElectionDefinition definition)
    {
        Definition = definition;
        _envelopes = definition.Envelopes.ToDictionary(e => e.Id, e => new EnvelopeTally(e, definition.Grades.Count), StringComparer.Ordinal);
    }

    public ElectionDefinition Definition { get; }

    /// <summary>Voters with a counted ballot (one receipt each, whatever the number of envelopes it covers).</summary>
    public long Voters { get; set; }

    public EnvelopeTally this[string envelope] => _envelopes[envelope];

    public IEnumerable<EnvelopeTally> Envelopes => Definition.Envelopes.Select(e => _envelopes[e.Id]);

    public bool TryGet(string envelope, out EnvelopeTally tally) => _envelopes.TryGetValue(envelope, out tally!);
}
