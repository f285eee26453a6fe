using Voting.Core.Elections;
using Voting.Core.Results;

namespace Voting.Grains.Results;

/// <summary>Counts an election from its tallies: ranking, reasons and allocation. Runs on the thread pool, never in a grain's turn.</summary>
public interface IElectionCounter
{
    ElectionResults Count(ElectionDefinition definition, TallySnapshot tallies);
}

/// <summary>The count as <c>Voting.Core</c> defines it.</summary>
public sealed class ElectionCounter : IElectionCounter
{
    public ElectionResults Count(ElectionDefinition definition, TallySnapshot tallies) => tallies.Count(definition);
}
