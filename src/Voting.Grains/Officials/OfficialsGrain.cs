using Orleans.Storage;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Storage;

namespace Voting.Grains.Officials;

/// <summary>Keeps the officials' accounts, with their password hashes only (singleton, key 0).</summary>
public sealed class OfficialsGrain(
    [PersistentState("officials", VotingStorage.GrainStorage)] IPersistentState<OfficialsState> officials) : Grain, IOfficialsGrain
{
    public Task<OfficialAccount?> Find(string userName) =>
        Task.FromResult(officials.State.Accounts.Find(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase)));

    public async Task<bool> AddFirst(OfficialAccount account)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (officials.State.Accounts.Count > 0) return false;
            officials.State.Accounts.Add(account);
            try
            {
                await officials.WriteStateAsync();
                return true;
            }
            catch (InconsistentStateException) when (attempt < 2)
            {
                await officials.ReadStateAsync(); // another activation wrote first: take its accounts
            }
        }
    }
}
