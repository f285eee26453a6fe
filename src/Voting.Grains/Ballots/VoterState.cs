namespace Voting.Grains.Ballots;

/// <summary>A voter's slot as the log grain caches it: the last revision assigned and the receipt that counts (null: none yet).</summary>
internal readonly record struct VoterState(long Revision, string? Receipt)
{
    public static VoterState None { get; } = new(0, null);
}
