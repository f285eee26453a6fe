using Voting.Grains.Contracts;

namespace Voting.Grains.Elections;

/// <summary>
/// An election as its grain keeps it (Orleans grain state): the definition's bytes exactly as written at creation
/// (their SHA-256 starts every ballot box's chain), where the vote stands, and its ballot boxes (fixed at creation).
/// </summary>
[GenerateSerializer]
public sealed class ElectionState
{
    [Id(0)]
    public byte[]? Definition { get; set; }

    [Id(1)]
    public ElectionStatus Status { get; set; }

    [Id(2)]
    public int BallotBoxes { get; set; } = 1;
}
