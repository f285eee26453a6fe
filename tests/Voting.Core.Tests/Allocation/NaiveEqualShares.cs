using System.Numerics;
using Voting.Core.Allocation;

namespace Voting.Core.Tests.Allocation;

/// <summary>An exact rational, normalised, for the reference implementation.</summary>
internal readonly record struct Q : IComparable<Q>
{
    public Q(BigInteger n, BigInteger d)
    {
        if (d.Sign < 0) (n, d) = (-n, -d);
        var g = BigInteger.GreatestCommonDivisor(n, d);
        if (!g.IsZero && !g.IsOne) (n, d) = (n / g, d / g);
        N = n;
        D = d;
    }

    public BigInteger N { get; }
    public BigInteger D { get; }

    public static implicit operator Q(long v) => new(v, 1);
    public static Q operator +(Q a, Q b) => new(a.N * b.D + b.N * a.D, a.D * b.D);
    public static Q operator -(Q a, Q b) => new(a.N * b.D - b.N * a.D, a.D * b.D);
    public static Q operator *(Q a, Q b) => new(a.N * b.N, a.D * b.D);
    public static Q operator /(Q a, Q b) => new(a.N * b.D, a.D * b.N);
    public int CompareTo(Q other) => (N * other.D).CompareTo(other.N * D);
    public static bool operator <(Q a, Q b) => a.CompareTo(b) < 0;
    public static bool operator >(Q a, Q b) => a.CompareTo(b) > 0;
    public static bool operator <=(Q a, Q b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Q a, Q b) => a.CompareTo(b) >= 0;
    public static Q Min(Q a, Q b) => a <= b ? a : b;
}

/// <summary>
/// The Method of Equal Shares written straight from its definition, voter by voter, with exact rationals and no
/// shortcut: every round, every remaining project's price per unit of utility, the cheapest bought.
/// </summary>
internal static class NaiveEqualShares
{
    public static (List<string> Selected, long Cost) FixedBudget(
        IReadOnlyList<AllocationCandidate> ranking, IReadOnlyList<AllocationBallot> ballots, Q perVoter, long? threshold)
    {
        int n = ballots.Count;
        var budget = Enumerable.Repeat(perVoter, n).ToArray();
        bool Considered(AllocationCandidate c) => c.Eligible && !(threshold is long t && c.Score < t);
        long Support(AllocationCandidate c) => ballots.Sum(b => b.Weights.TryGetValue(c.Id, out var w) && w > 0 ? w : 0);
        // tie order: more support, lower cost, earlier in the ranking
        var tieOrder = ranking.Select((c, i) => (c, i)).OrderByDescending(x => Support(x.c)).ThenBy(x => x.c.Cost).ThenBy(x => x.i)
            .Select((x, rank) => (x.c.Id, rank)).ToDictionary(x => x.Id, x => x.rank);

        var selected = new List<string>();
        long cost = 0;
        foreach (var c in ranking.Where(c => Considered(c) && c.Cost == 0 && Support(c) > 0).OrderBy(c => tieOrder[c.Id]))
            selected.Add(c.Id);
        var remaining = ranking.Where(c => Considered(c) && c.Cost > 0 && Support(c) > 0).ToList();
        if (n == 0)
            return (selected, cost);
        while (true)
        {
            AllocationCandidate? best = null;
            Q bestRho = default, bestP = default;
            foreach (var c in remaining)
            {
                var supporters = Enumerable.Range(0, n)
                    .Where(i => ballots[i].Weights.TryGetValue(c.Id, out var w) && w > 0)
                    .Select(i => (i, w: ballots[i].Weights[c.Id]))
                    .ToList();
                Q money = 0;
                foreach (var (i, _) in supporters) money += budget[i];
                if (money < c.Cost) continue;
                supporters.Sort((x, y) => (budget[x.i] / x.w).CompareTo(budget[y.i] / y.w));
                Q paid = 0;
                long weight = supporters.Sum(s => s.w);
                Q p = default;
                foreach (var (i, w) in supporters)
                {
                    p = ((Q)c.Cost - paid) / weight;
                    if (p * w > budget[i]) { paid += budget[i]; weight -= w; }
                    else break;
                }
                var rho = p / c.Cost;
                if (best is null || rho < bestRho || (rho.CompareTo(bestRho) == 0 && tieOrder[c.Id] < tieOrder[best.Id]))
                    (best, bestRho, bestP) = (c, rho, p);
            }
            if (best is null) break;
            for (int i = 0; i < n; i++)
                if (ballots[i].Weights.TryGetValue(best.Id, out var w) && w > 0)
                    budget[i] -= Q.Min(budget[i], bestP * w);
            selected.Add(best.Id);
            cost += best.Cost;
            remaining.Remove(best);
        }
        return (selected, cost);
    }

    /// <summary>add1 by its definition: per-voter budget B/n, then every whole unit above it while the outcome fits.</summary>
    public static (List<string> Selected, long Cost) Add1(
        IReadOnlyList<AllocationCandidate> ranking, IReadOnlyList<AllocationBallot> ballots, long budget, long? threshold)
    {
        int n = ballots.Count;
        var outcome = FixedBudget(ranking, ballots, n == 0 ? 0 : new Q(budget, n), threshold);
        if (n == 0) return outcome;
        long cap = ranking.Sum(c => c.Cost) + 1; // beyond it everything supported is bought, as at the cap
        for (long p = budget / n + 1; p <= cap; p++)
        {
            var next = FixedBudget(ranking, ballots, p, threshold);
            if (next.Cost > budget) break;
            outcome = next;
        }
        return outcome;
    }
}
