using Voting.Core.Trail;
using Voting.Grains.Contracts;

namespace Voting.Grains.Interfaces;

/// <summary>The officials' accounts (singleton, key 0); each account added is recorded in their audit trail with the <see cref="Actor"/> who added it.</summary>
public interface IOfficialsGrain : IGrainWithIntegerKey
{
    /// <summary>The account of this user name (compared ignoring case), or null.</summary>
    Task<OfficialAccount?> Find(string userName);

    /// <summary>Adds the account when there is none yet: the first administrator. False when there already are accounts.</summary>
    Task<bool> AddFirst(OfficialAccount account, Actor actor);

    /// <summary>Adds an account. False when the user name (ignoring case) is taken.</summary>
    Task<bool> Add(OfficialAccount account, Actor actor);

    /// <summary>The changes of accounts, in the order they were made.</summary>
    Task<IReadOnlyList<TrailEntry>> Trail();

    /// <summary>Every account's role by user name, in ordinal order of the names.</summary>
    Task<IReadOnlyList<KeyValuePair<string, OfficialRole>>> Roles();
}
