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

    public Task<IReadOnlyList<KeyValuePair<string, OfficialRole>>> Roles() =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, OfficialRole>>>(officials.State.Accounts
            .OrderBy(a => a.UserName, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.UserName, a.Role)).ToArray());

    public Task<bool> AddFirst(OfficialAccount account) => AddWhen(account, accounts => accounts.Count == 0);

    public Task<bool> Add(OfficialAccount account) =>
        AddWhen(account, accounts => !accounts.Exists(a => string.Equals(a.UserName, account.UserName, StringComparison.OrdinalIgnoreCase)));

    private async Task<bool> AddWhen(OfficialAccount account, Predicate<List<OfficialAccount>> allowed)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (!allowed(officials.State.Accounts)) return false;
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
