namespace Voting.Core.Trail;

/// <summary>
/// What an official did. An election's trail holds <see cref="Create"/>, <see cref="Import"/>, <see cref="Open"/> and
/// <see cref="Close"/>; the officials' accounts trail holds the account changes.
/// </summary>
public enum TrailAction
{
    /// <summary>Defined the election.</summary>
    Create,

    /// <summary>Added voters to the roll (<see cref="TrailEntry.Voters"/> of them).</summary>
    Import,

    /// <summary>Opened the vote.</summary>
    Open,

    /// <summary>Closed the vote.</summary>
    Close,

    /// <summary>Added an administrator's account (<see cref="TrailEntry.Account"/>).</summary>
    AddAdministrator,

    /// <summary>Added an observer's account (<see cref="TrailEntry.Account"/>).</summary>
    AddObserver,
}
