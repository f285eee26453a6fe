using Voting.Core.Trail;
using Voting.Grains.Contracts;

namespace Voting.Grains.Officials;

/// <summary>Every official's account and the audit trail of their changes (Orleans grain state of the officials grain): a few entries per official.</summary>
[GenerateSerializer]
public sealed class OfficialsState
{
    [Id(0)]
    public List<OfficialAccount> Accounts { get; set; } = [];

    [Id(1)]
    public List<TrailEntry> Trail { get; set; } = [];
}
