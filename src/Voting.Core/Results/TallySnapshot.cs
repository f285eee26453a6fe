using Voting.Core.Allocation;
using Voting.Core.Elections;

namespace Voting.Core.Results;

/// <summary>
/// All that counting an election needs, taken from a ballot box at one log position: each envelope's merit
/// profiles and number of ballots and, where the envelope is funded by a rule that reads ballots (equal shares),
/// how many counted ballots support each set of projects. The snapshots of an election's boxes add up
/// (<see cref="Sum"/>); <see cref="Version"/> is the number of log events they reflect, <see cref="Casts"/> the number of
/// ballots cast (receipts issued: a revote is one more, a ballot covering two envelopes is one).
/// </summary>
public sealed record TallySnapshot(long Version, long Casts, long Voters, IReadOnlyList<EnvelopeSnapshot> Envelopes)
{
    /// <summary>Whether counting an envelope reads its ballots (its rule is equal shares), so that its snapshot keeps <see cref="EnvelopeSnapshot.Supporters"/>.</summary>
    public static bool CountsSupport(ElectionDefinition definition, EnvelopeDefinition envelope) =>
        definition.Kind == ElectionKind.Budget && AllocationRules.NeedsBallots(envelope.Rule ?? AllocationRules.Greedy);

    public static TallySnapshot Sum(IReadOnlyList<TallySnapshot> boxes)
    {
        if (boxes.Count == 1) return boxes[0];
        if (boxes.Count == 0) throw new ArgumentException("no snapshot to add up", nameof(boxes));
        var envelopes = boxes[0].Envelopes.Select((first, e) =>
        {
            var counts = new long[first.Counts.Length];
            long ballots = 0;
            Dictionary<string, long>? supporters = first.Supporters is null ? null : new(StringComparer.Ordinal);
            foreach (var box in boxes)
            {
                var envelope = box.Envelopes[e];
                ballots += envelope.Ballots;
                for (int i = 0; i < counts.Length; i++) counts[i] += envelope.Counts[i];
                if (supporters is not null)
                    foreach (var (set, n) in envelope.Supporters!) supporters[set] = supporters.GetValueOrDefault(set) + n;
            }
            return new EnvelopeSnapshot(ballots, counts, supporters);
        }).ToArray();
        return new TallySnapshot(boxes.Sum(b => b.Version), boxes.Sum(b => b.Casts), boxes.Sum(b => b.Voters), envelopes);
    }

    /// <summary>Ranks and funds every envelope, as <see cref="ElectionCount"/> does from the ballots themselves.</summary>
    public ElectionResults Count(ElectionDefinition definition)
    {
        if (Envelopes.Count != definition.Envelopes.Count)
            throw new ArgumentException($"a snapshot of {Envelopes.Count} envelopes does not fit election '{definition.Id}'", nameof(definition));
        var tally = new ElectionTally(definition) { Voters = Voters };
        for (int e = 0; e < Envelopes.Count; e++) tally[definition.Envelopes[e].Id].Add(Envelopes[e].Counts, Envelopes[e].Ballots);
        return ElectionCount.Count(tally, Version, envelopeId =>
        {
            int e = definition.Envelopes.Select(x => x.Id).ToList().IndexOf(envelopeId);
            return Envelopes[e].Approvals(definition.Envelopes[e]);
        });
    }
}

/// <param name="Counts">The profiles of the envelope's projects one after another (definition order), worst grade first.</param>
/// <param name="Supporters">
/// For a rule that reads ballots: each set of supported projects (their places in the envelope, ascending, joined
/// by ',') with the number of counted ballots that support exactly that set; null for the other rules.
/// </param>
public sealed record EnvelopeSnapshot(long Ballots, long[] Counts, IReadOnlyDictionary<string, long>? Supporters)
{
    /// <summary>The set of projects a ballot supports (see <see cref="GradedBallots"/>), as <see cref="Supporters"/> keys it.</summary>
    public static string SupportKey(ReadOnlySpan<sbyte> grades, int gradeCount)
    {
        var key = new System.Text.StringBuilder();
        for (int p = 0; p < grades.Length; p++)
        {
            if (grades[p] < 0 || !GradedBallots.Approves(grades[p], gradeCount)) continue;
            if (key.Length > 0) key.Append(',');
            key.Append(p);
        }
        return key.ToString();
    }

    /// <summary>One approval ballot per counted ballot, in the ordinal order of their sets.</summary>
    public IReadOnlyList<AllocationBallot> Approvals(EnvelopeDefinition envelope)
    {
        if (Supporters is null) throw new InvalidOperationException($"the snapshot of envelope '{envelope.Id}' has no ballots");
        var ballots = new List<AllocationBallot>();
        foreach (var (set, count) in Supporters.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var weights = set.Length == 0
                ? new Dictionary<string, long>(StringComparer.Ordinal)
                : set.Split(',').ToDictionary(p => envelope.Projects[int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)].Id, _ => 1L, StringComparer.Ordinal);
            for (long i = 0; i < count; i++)
                ballots.Add(new AllocationBallot((ballots.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), weights));
        }
        return ballots;
    }
}
