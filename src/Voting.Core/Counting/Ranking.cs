namespace Voting.Core.Counting;

/// <summary>Projects best first with competition ranks (1, 1, 3), and for each adjacent pair the reason of its order.</summary>
public sealed record Ranking(IReadOnlyList<RankedProject> Projects, IReadOnlyList<RankingReason> Reasons);
