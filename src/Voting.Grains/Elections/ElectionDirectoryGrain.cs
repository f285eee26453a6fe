using Orleans.Storage;
using Voting.Grains.Interfaces;
using Voting.Grains.Storage;

namespace Voting.Grains.Elections;

/// <summary>Lists every election, in ordinal order of their ids (singleton, key 0).</summary>
public sealed class ElectionDirectoryGrain(
    [PersistentState("directory", VotingStorage.GrainStorage)] IPersistentState<DirectoryState> directory) : Grain, IElectionDirectoryGrain
{
    public Task<IReadOnlyList<string>> List() =>
        Task.FromResult<IReadOnlyList<string>>(directory.State.Elections.Order(StringComparer.Ordinal).ToArray());

    public async Task Add(string electionId)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (directory.State.Elections.Contains(electionId)) return;
            directory.State.Elections.Add(electionId);
            try
            {
                await directory.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < 2)
            {
                await directory.ReadStateAsync(); // another activation added one: take its list and add again
            }
        }
    }
}
