namespace Voting.Core.Allocation;

/// <summary>
/// The Method of Equal Shares with cost utilities for a fixed per-voter budget, exactly.
/// <para>
/// Every voter starts with the same budget. A project costing C can be bought when its supporters together still
/// have C: supporter i pays min(b_i, p·w_i), w_i being the voter's weight for it (1 for an approval) and p the
/// smallest price that collects C. Each round the project with the largest C / p (the smallest price per unit of
/// utility, utility being weight × cost) is bought; ties go to the larger support, then the lower cost, then
/// the earlier place in the ranking. Rounds stop when no remaining project can be bought.
/// </para>
/// <para>
/// A run (see <see cref="EqualSharesRun{T}"/>) is first tried in <see cref="BoundedDouble"/> arithmetic, which
/// reads every sign for sure or gives up; when it gives up, the run is redone in <see cref="ExactNumber"/>s.
/// One run at a time: an engine is not for concurrent use.
/// </para>
/// </summary>
internal sealed class EqualSharesEngine
{
    private EqualSharesRun<BoundedDouble>? _bounded; // its memory serves every run: one run at a time

    public EqualSharesEngine(int voters, long[] cost, List<(int Voter, long Weight)>[] supporters, bool[] considered, int[] rankingPosition)
    {
        Voters = voters;
        Cost = cost;
        Considered = considered;
        int m = cost.Length;
        Supporters = new int[m][];
        Segments = new (long, int)[m][];
        Support = new long[m];
        for (int c = 0; c < m; c++)
        {
            var list = supporters[c].OrderBy(s => s.Weight).ThenBy(s => s.Voter).ToArray();
            Supporters[c] = list.Select(s => s.Voter).ToArray();
            Segments[c] = list.Select((s, i) => (s.Weight, End: i + 1))
                .Where(s => s.End == list.Length || list[s.End].Weight != s.Weight).ToArray();
            Support[c] = list.Sum(s => s.Weight);
        }
        var order = Enumerable.Range(0, m)
            .OrderByDescending(c => Support[c]).ThenBy(c => Cost[c]).ThenBy(c => rankingPosition[c]).ToArray();
        TieRank = new int[m];
        for (int r = 0; r < m; r++)
            TieRank[order[r]] = r;
    }

    public int Voters { get; }

    public long[] Cost { get; }

    public bool[] Considered { get; }

    /// <summary>Per project, its supporters' voter indices, grouped by weight (ascending).</summary>
    public int[][] Supporters { get; }

    /// <summary>Per project, its supporters' weights: each weight and where its supporters end in <see cref="Supporters"/>.</summary>
    public (long Weight, int End)[][] Segments { get; }

    /// <summary>Per project, the total weight of its supporters.</summary>
    public long[] Support { get; }

    /// <summary>Per project, its place in the tie order: lower wins a tie.</summary>
    public int[] TieRank { get; }

    public bool Supported(int project) => Support[project] > 0;

    /// <summary>
    /// What a fixed-budget run gives: the projects bought, in order, and their total cost. A run from a whole
    /// per-voter budget also tells the last whole per-voter budget, <see cref="SameUntil"/>, up to which the outcome
    /// is certainly the same.
    /// </summary>
    public sealed record Outcome(IReadOnlyList<int> Winners, long Cost, long SameUntil);

    /// <summary>Runs Equal Shares with a per-voter budget of <paramref name="numerator"/> / <paramref name="denominator"/>.</summary>
    public Outcome Run(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        return Solve(numerator, denominator, from: 0, horizon: 0);
    }

    /// <summary>
    /// Runs Equal Shares with a whole per-voter budget <paramref name="perVoter"/>, and finds how far, up to
    /// <paramref name="horizon"/>, the per-voter budget can rise without changing the outcome.
    /// </summary>
    public Outcome RunFrom(long perVoter, long horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, perVoter);
        return Solve(perVoter, 1, perVoter, horizon);
    }

    private Outcome Solve(long numerator, long denominator, long from, long horizon)
    {
        try
        {
            _bounded ??= new EqualSharesRun<BoundedDouble>(this);
            return _bounded.Execute(BoundedDouble.Ratio(numerator, denominator), from, horizon);
        }
        catch (UndecidedException)
        {
            return new EqualSharesRun<ExactNumber>(this).Execute(ExactNumber.Ratio(numerator, denominator), from, horizon);
        }
    }
}
