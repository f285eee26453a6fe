namespace Voting.Core.Allocation;

/// <summary>The amounts an allocation can count.</summary>
public static class AllocationLimits
{
    /// <summary>
    /// What the candidates' costs may add up to, at most: 10^18. Totals of costs are whole numbers of 64 bits, and
    /// add1 raises the per-voter share up to that total; Equal Shares itself counts exactly whatever the amounts.
    /// </summary>
    public const long MaxTotalCost = 1_000_000_000_000_000_000;
}
