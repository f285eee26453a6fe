using Voting.Grains.Contracts;

namespace Voting.Load;

/// <summary>The load harness, as the audit trails record its official actions.</summary>
internal static class LoadActor
{
    public static readonly Actor Harness = new("load", "local");
}
