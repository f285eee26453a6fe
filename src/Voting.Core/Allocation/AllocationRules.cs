namespace Voting.Core.Allocation;

/// <summary>The budget allocation rules, named as Pabulib names them.</summary>
public static class AllocationRules
{
    public const string Greedy = "greedy";
    public const string GreedyNoSkip = "greedy-no-skip";
    public const string GreedyThreshold = "greedy-threshold";
    public const string EqualShares = "equalshares";
    public const string EqualSharesAdd1 = "equalshares/add1";
    public const string EqualSharesAdd1Comparison = "equalshares/add1-comparison";

    public static IReadOnlyList<string> Names { get; } =
        [Greedy, GreedyNoSkip, GreedyThreshold, EqualShares, EqualSharesAdd1, EqualSharesAdd1Comparison];

    public static bool IsKnown(string rule) => Names.Contains(rule, StringComparer.Ordinal);

    /// <summary>The rules that need per-voter ballots (the others need only a ranking).</summary>
    public static bool NeedsBallots(string rule) =>
        rule is EqualShares or EqualSharesAdd1 or EqualSharesAdd1Comparison;

    /// <summary>The message for a rule name that is not one of <see cref="Names"/>.</summary>
    public static string Unknown(string? rule) => $"unknown rule '{rule}' (known: {string.Join(", ", Names)})";
}
