namespace Voting.Load.Http;

/// <summary>Where casts go: the nodes' base addresses (taken in turn) and the election's ballot path.</summary>
public sealed record CastTarget(IReadOnlyList<Uri> Nodes, string BallotPath);
