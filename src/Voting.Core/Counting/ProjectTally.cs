namespace Voting.Core.Counting;

/// <summary>The judgments one project received, worst grade first, missing judgments not included.</summary>
public sealed record ProjectTally(string Id, IReadOnlyList<long> Counts);
