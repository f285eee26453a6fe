namespace Voting.Core.Trail;

/// <summary>
/// One official action in an audit trail: when (stamped where the action was performed), who (a user name, or
/// <c>token</c> for a script sending the official token), from where (the client's address) and what.
/// </summary>
/// <param name="Voters">For <see cref="TrailAction.Import"/>: the number of voters added.</param>
/// <param name="Account">For an account change: the user name of the account.</param>
public sealed record TrailEntry(
    DateTimeOffset At,
    string Actor,
    string Address,
    TrailAction Action,
    long? Voters = null,
    string? Account = null);
