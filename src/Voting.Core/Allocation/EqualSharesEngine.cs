using System.Numerics;

namespace Voting.Core.Allocation;

/// <summary>
/// The Method of Equal Shares with cost utilities for a fixed per-voter budget, in exact arithmetic.
/// <para>
/// Every voter starts with the same budget. A project costing C can be bought when its supporters together still
/// have C: supporter i pays min(b_i, p·w_i), w_i being the voter's weight for it (1 for an approval) and p the
/// smallest price that collects C. Each round the project with the largest C / p (the smallest price per unit of
/// utility, utility being weight × cost) is bought; ties go to the larger support, then the lower cost, then
/// the earlier place in the ranking. Rounds stop when no remaining project can be bought.
/// </para>
/// <para>
/// Budgets are rationals with one common denominator D. Voters whose budgets are equal (same history) share a
/// budget class, so one evaluation does big-number work per class rather than per voter, and the candidates
/// are tried in order of their previous value, which can only fall (the equalshares.net shortcut).
/// </para>
/// </summary>
internal sealed class EqualSharesEngine
{
    private readonly int _voters;
    private readonly long[] _cost;
    private readonly int[][] _supporters;   // voter indices, sorted by weight
    private readonly long[][] _weights;     // parallel to _supporters
    private readonly long[] _support;       // total weight
    private readonly bool[] _considered;
    private readonly int[] _tieRank;        // lower wins a tie

    public EqualSharesEngine(int voters, long[] cost, List<(int Voter, long Weight)>[] supporters, bool[] considered, int[] rankingPosition)
    {
        _voters = voters;
        _cost = cost;
        _considered = considered;
        int m = cost.Length;
        _supporters = new int[m][];
        _weights = new long[m][];
        _support = new long[m];
        for (int c = 0; c < m; c++)
        {
            var list = supporters[c].OrderBy(s => s.Weight).ThenBy(s => s.Voter).ToArray();
            _supporters[c] = list.Select(s => s.Voter).ToArray();
            _weights[c] = list.Select(s => s.Weight).ToArray();
            _support[c] = list.Sum(s => s.Weight);
        }
        var order = Enumerable.Range(0, m)
            .OrderByDescending(c => _support[c]).ThenBy(c => _cost[c]).ThenBy(c => rankingPosition[c]).ToArray();
        _tieRank = new int[m];
        for (int r = 0; r < m; r++)
            _tieRank[order[r]] = r;
    }

    public long Support(int project) => _support[project];

    public bool Supported(int project) => _support[project] > 0;

    /// <summary>What a fixed-budget run gives: the projects bought, in order, and their total cost.</summary>
    public sealed record Outcome(IReadOnlyList<int> Winners, long Cost);

    /// <summary>Runs Equal Shares with a per-voter budget of <paramref name="numerator"/> / <paramref name="denominator"/>.</summary>
    public Outcome Run(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0)
            throw new ArgumentOutOfRangeException(nameof(denominator));
        int m = _cost.Length;
        var winners = new List<int>();
        long total = 0;

        // Free projects with supporters cost nobody anything: bought first.
        foreach (var c in Enumerable.Range(0, m).Where(c => _considered[c] && _support[c] > 0 && _cost[c] == 0).OrderBy(c => _tieRank[c]))
            winners.Add(c);
        if (_voters == 0 || numerator.Sign <= 0)
            return new Outcome(winners, total);

        var state = new State(_voters, numerator, denominator);
        var remaining = Enumerable.Range(0, m).Where(c => _considered[c] && _support[c] > 0 && _cost[c] > 0).ToList();
        var previous = new Fraction[m];
        foreach (var c in remaining)
            previous[c] = new Fraction(_support[c], BigInteger.One); // C/p can never exceed the total weight
        var evaluatedWeight = new long[m];
        var evaluatedRest = new BigInteger[m];
        var groups = new List<(int Class, long Weight, long Count)>();
        var best = new List<int>();
        var dropped = new List<int>();

        while (remaining.Count > 0)
        {
            remaining.Sort((a, b) =>
            {
                int byValue = previous[b].CompareTo(previous[a]);
                return byValue != 0 ? byValue : _tieRank[a].CompareTo(_tieRank[b]);
            });
            best.Clear();
            dropped.Clear();
            var bestValue = Fraction.Zero;
            foreach (var c in remaining)
            {
                if (best.Count > 0 && previous[c] < bestValue)
                    break;
                state.Aggregate(_supporters[c], _weights[c], groups);
                BigInteger price = _cost[c] * state.Denominator; // the cost in units of 1/D
                BigInteger money = BigInteger.Zero;
                foreach (var g in groups)
                    money += state.Value(g.Class) * g.Count;
                if (money < price)
                {
                    dropped.Add(c);
                    continue;
                }
                groups.Sort((a, b) => state.CompareRatio(a.Class, a.Weight, b.Class, b.Weight));
                BigInteger paid = BigInteger.Zero;
                long weight = 0;
                foreach (var g in groups)
                    weight += g.Weight * g.Count;
                foreach (var g in groups)
                {
                    // Equal price per unit of weight among those left: (price - paid) / weight. Too much for this class?
                    if ((price - paid) * g.Weight > state.Value(g.Class) * weight)
                    {
                        paid += state.Value(g.Class) * g.Count;
                        weight -= g.Weight * g.Count;
                    }
                    else
                        break;
                }
                var rest = price - paid;                      // p = rest / (weight · D)
                var value = new Fraction(_cost[c] * (BigInteger)weight * state.Denominator, rest); // C / p
                previous[c] = value;
                evaluatedWeight[c] = weight;
                evaluatedRest[c] = rest;
                int cmp = best.Count == 0 ? 1 : value.CompareTo(bestValue);
                if (cmp > 0)
                {
                    best.Clear();
                    best.Add(c);
                    bestValue = value;
                }
                else if (cmp == 0)
                    best.Add(c);
            }
            foreach (var c in dropped)
                remaining.Remove(c);
            if (best.Count == 0)
                break;
            int winner = best.MinBy(c => _tieRank[c]);
            state.Charge(_supporters[winner], _weights[winner], evaluatedWeight[winner], evaluatedRest[winner]);
            winners.Add(winner);
            total += _cost[winner];
            remaining.Remove(winner);
        }
        return new Outcome(winners, total);
    }

    /// <summary>Voters' budgets as classes of equal value, in units of 1 / <see cref="Denominator"/>.</summary>
    private sealed class State
    {
        private readonly int[] _classOf;
        private readonly List<BigInteger> _value = [];
        private readonly List<int> _members = [];
        private int[] _stamp = new int[16];
        private long[] _count = new long[16];
        private int[] _map = new int[16];
        private readonly List<int> _touched = [];
        private int _clock;

        public State(int voters, BigInteger numerator, BigInteger denominator)
        {
            _classOf = new int[voters];
            _value.Add(BigInteger.Zero); // class 0: nothing left
            _members.Add(0);
            _value.Add(numerator);
            _members.Add(voters);
            Array.Fill(_classOf, 1);
            Denominator = denominator;
            Grow();
        }

        public BigInteger Denominator { get; private set; }

        public BigInteger Value(int cls) => _value[cls];

        /// <summary>Orders classes by value per unit of weight (value / weight), smallest first.</summary>
        public int CompareRatio(int a, long wa, int b, long wb) =>
            wa == wb ? _value[a].CompareTo(_value[b]) : (_value[a] * wb).CompareTo(_value[b] * wa);

        /// <summary>The supporters with money left, as (class, weight, how many).</summary>
        public void Aggregate(int[] voters, long[] weights, List<(int Class, long Weight, long Count)> groups)
        {
            groups.Clear();
            int i = 0;
            while (i < voters.Length)
            {
                long weight = weights[i];
                _clock++;
                _touched.Clear();
                for (; i < voters.Length && weights[i] == weight; i++)
                {
                    int cls = _classOf[voters[i]];
                    if (cls == 0)
                        continue;
                    if (_stamp[cls] != _clock)
                    {
                        _stamp[cls] = _clock;
                        _count[cls] = 0;
                        _touched.Add(cls);
                    }
                    _count[cls]++;
                }
                foreach (var cls in _touched)
                    groups.Add((cls, weight, _count[cls]));
            }
        }

        /// <summary>
        /// Buys a project: each supporter pays min(budget, p·weight) with p = rest / (totalWeight · D).
        /// The common denominator becomes D · totalWeight.
        /// </summary>
        public void Charge(int[] voters, long[] weights, long totalWeight, BigInteger rest)
        {
            int existing = _value.Count;
            int i = 0;
            while (i < voters.Length)
            {
                long weight = weights[i];
                _clock++;
                for (; i < voters.Length && weights[i] == weight; i++)
                {
                    int v = voters[i];
                    int old = _classOf[v];
                    if (old == 0)
                        continue;
                    if (_stamp[old] != _clock)
                    {
                        _stamp[old] = _clock;
                        var left = _value[old] * totalWeight - rest * weight;
                        if (left.Sign <= 0)
                            _map[old] = 0;
                        else
                        {
                            _map[old] = _value.Count;
                            _value.Add(left);
                            _members.Add(0);
                            Grow();
                        }
                    }
                    int now = _map[old];
                    _members[old]--;
                    _members[now]++;
                    _classOf[v] = now;
                }
            }
            Denominator *= totalWeight;
            for (int cls = 1; cls < existing; cls++)
                _value[cls] = _members[cls] > 0 ? _value[cls] * totalWeight : BigInteger.Zero;
            Normalize();
        }

        private void Normalize()
        {
            var g = Denominator;
            for (int cls = 1; cls < _value.Count && !g.IsOne; cls++)
                if (_members[cls] > 0)
                    g = BigInteger.GreatestCommonDivisor(g, _value[cls]);
            if (g.IsOne)
                return;
            Denominator /= g;
            for (int cls = 1; cls < _value.Count; cls++)
                if (_members[cls] > 0)
                    _value[cls] /= g;
        }

        private void Grow()
        {
            if (_value.Count <= _stamp.Length)
                return;
            int size = Math.Max(_value.Count, _stamp.Length * 2);
            Array.Resize(ref _stamp, size);
            Array.Resize(ref _count, size);
            Array.Resize(ref _map, size);
        }
    }
}
