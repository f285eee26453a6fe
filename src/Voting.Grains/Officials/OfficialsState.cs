using Voting.Grains.Contracts;

namespace Voting.Grains.Officials;

/// <summary>Every official's account (Orleans grain state of the officials grain).</summary>
[GenerateSerializer]
public sealed class OfficialsState
{
    [Id(0)]
    public List<OfficialAccount> Accounts { get; set; } = [];
}
