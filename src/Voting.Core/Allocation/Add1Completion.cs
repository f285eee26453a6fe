namespace Voting.Core.Allocation;

/// <summary>
/// The add1 completion of Equal Shares: from the whole unit above budget / voters, the per-voter budget rises one
/// unit at a time for as long as the outcome fits in the real budget; the last outcome that fits is kept.
/// <para>
/// Each run tells up to which per-voter budget its outcome stays the same, so the search goes straight to the
/// next budget at which it can change: the number of runs depends on how often the outcome changes, not on how
/// large the amounts are.
/// </para>
/// </summary>
internal static class Add1Completion
{
    /// <param name="Outcome">The outcome kept.</param>
    /// <param name="Kept">The largest per-voter budget whose outcome fits, or null when the first outcome is kept.</param>
    /// <param name="Over">The first per-voter budget whose outcome does not fit, and what it would cost; null if none.</param>
    /// <param name="Runs">How many runs of Equal Shares the search took.</param>
    public sealed record Result(EqualSharesEngine.Outcome Outcome, long? Kept, (long PerVoter, long Cost)? Over, int Runs);

    /// <param name="first">The outcome at budget / voters.</param>
    /// <param name="supportedTotal">What all supported projects cost together; above the budget. At that much per voter every
    /// one of them is bought, which does not fit, so the search ends there at the latest.</param>
    /// <param name="maxRuns">A guard for tests: more runs than this throw.</param>
    public static Result Run(EqualSharesEngine engine, EqualSharesEngine.Outcome first, long budget, int voters, long supportedTotal, int maxRuns = int.MaxValue)
    {
        var outcome = first;
        long? kept = null;
        int runs = 0;
        for (long perVoter = budget / voters + 1; perVoter <= supportedTotal;)
        {
            if (++runs > maxRuns)
                throw new InvalidOperationException($"add1 took more than {maxRuns} runs");
            var next = engine.RunFrom(perVoter, supportedTotal);
            if (next.Cost > budget)
                return new Result(outcome, kept, (perVoter, next.Cost), runs);
            outcome = next;
            kept = next.SameUntil;
            perVoter = next.SameUntil + 1;
        }
        return new Result(outcome, kept, null, runs);
    }
}
