using Orleans.Storage;
using Voting.Core.Trail;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;
using Voting.Grains.Storage;

namespace Voting.Grains.Officials;

/// <summary>
/// Keeps the officials' accounts, with their password hashes only (singleton, key 0), and the audit trail of their
/// changes: each account added is recorded, stamped with this grain's clock, in the same write as the account.
/// </summary>
public sealed class OfficialsGrain(
    [PersistentState("officials", VotingStorage.GrainStorage)] IPersistentState<OfficialsState> officials,
    TimeProvider clock) : Grain, IOfficialsGrain
{
    public Task<OfficialAccount?> Find(string userName) =>
        Task.FromResult(officials.State.Accounts.Find(a => string.Equals(a.UserName, userName, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<KeyValuePair<string, OfficialRole>>> Roles() =>
        Task.FromResult<IReadOnlyList<KeyValuePair<string, OfficialRole>>>(officials.State.Accounts
            .OrderBy(a => a.UserName, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.UserName, a.Role)).ToArray());

    public Task<IReadOnlyList<TrailEntry>> Trail() => Task.FromResult<IReadOnlyList<TrailEntry>>(officials.State.Trail.ToArray());

    public Task<bool> AddFirst(OfficialAccount account, Actor actor) => AddWhen(account, actor, accounts => accounts.Count == 0);

    public Task<bool> Add(OfficialAccount account, Actor actor) =>
        AddWhen(account, actor, accounts => !accounts.Exists(a => string.Equals(a.UserName, account.UserName, StringComparison.OrdinalIgnoreCase)));

    private async Task<bool> AddWhen(OfficialAccount account, Actor actor, Predicate<List<OfficialAccount>> allowed)
    {
        var action = account.Role == OfficialRole.Administrator ? TrailAction.AddAdministrator : TrailAction.AddObserver;
        for (int attempt = 0; ; attempt++)
        {
            if (!allowed(officials.State.Accounts)) return false;
            officials.State.Accounts.Add(account);
            officials.State.Trail.Add(actor.Did(action, clock.GetUtcNow(), account: account.UserName));
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
