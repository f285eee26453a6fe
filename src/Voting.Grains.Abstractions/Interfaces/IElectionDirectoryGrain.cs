namespace Voting.Grains.Interfaces;

/// <summary>The ids of every election, for listings (singleton, key 0).</summary>
public interface IElectionDirectoryGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<string>> List();

    Task Add(string electionId);
}
