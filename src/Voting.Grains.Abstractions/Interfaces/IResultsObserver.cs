using Voting.Core.Results;

namespace Voting.Grains.Interfaces;

/// <summary>Receives an election's coalesced results snapshots (one observer per web node).</summary>
public interface IResultsObserver : IGrainObserver
{
    void OnResults(ElectionResults results);
}
