using Voting.Core.Counting;
using Voting.Core.Elections;

namespace Voting.Core.Results;

/// <summary>Funds an envelope's projects from its majority-judgment ranking, with the envelope's rule.</summary>
internal static class EnvelopeAllocation
{
    public static AllocationSummary? Allocate(
        ElectionDefinition definition,
        EnvelopeDefinition envelope,
        Ranking ranking,
        Func<IEnumerable<IReadOnlyDictionary<string, int>>>? ballots)
    {
        _ = (definition, envelope, ranking, ballots);
        return null;
    }
}
