using Voting.Core.Trail;
using Voting.Grains.Contracts;

namespace Voting.Grains.Elections;

/// <summary>
/// An election as its grain keeps it (Orleans grain state): the definition's bytes exactly as written at creation
/// (their SHA-256 starts every ballot box's chain), where the vote stands, its ballot boxes (fixed at creation), and
/// the audit trail of its creation and changes of status, each entry written with the change it records. (An import's
/// entry is committed with the import, in its roll document.) A few entries per election: grain state fits.
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

    [Id(3)]
    public List<TrailEntry> Trail { get; set; } = [];
}
