namespace Voting.Core.Allocation;

/// <summary>
/// One run of <see cref="EqualSharesEngine"/> for a per-voter budget t, in the arithmetic of
/// <typeparamref name="T"/>.
/// <para>
/// Voters whose budgets are equal (same history) share a budget class, so evaluating a project costs one
/// operation per class among its supporters. Candidates are tried in order of their previous value, which can
/// only fall: once the best so far surely beats a candidate's previous value, the candidate is not evaluated
/// (the equalshares.net shortcut).
/// </para>
/// <para>
/// How far the outcome holds: as long as every decision stays the same (which projects are affordable, which
/// supporters pay all they have, which project wins each round, which candidates the shortcut passes over),
/// every budget is an affine function of t, and every decision is the sign of an affine function of t. A run
/// from a whole t = from keeps each budget's slope alongside its value and finds the last whole t up to
/// horizon at which no decision's sign has changed: the outcome is the same up to there.
/// </para>
/// </summary>
internal sealed class EqualSharesRun<T> where T : struct, IShareNumber<T>
{
    private readonly EqualSharesEngine _e;
    private long _from;
    private long _until;

    // Budget classes: value at t = from, and change per unit of t. Class 0 holds the voters with nothing left.
    private T[] _value = new T[64];
    private T[] _slope = new T[64];
    private int _classes;
    private readonly int[] _classOf;
    private int[] _slot = new int[64];

    // Per project, from its last evaluation: C / p = cost · weight / rest, rest being what the supporters who
    // do not pay all they have share (affine in t), weight their total weight.
    private readonly long[] _weight;
    private readonly T[] _rest;
    private readonly T[] _restSlope;
    private readonly double[] _estimate;

    private Groups _groups = new();
    private Groups _bestGroups = new();

    /// <summary>A run's working memory, used again by every <see cref="Execute"/>: one run at a time.</summary>
    public EqualSharesRun(EqualSharesEngine engine)
    {
        _e = engine;
        _classOf = new int[engine.Voters];
        int m = engine.Cost.Length;
        _weight = new long[m];
        _rest = new T[m];
        _restSlope = new T[m];
        _estimate = new double[m];
    }

    private bool Tracking => _until > _from;

    /// <param name="perVoter">Every voter's budget.</param>
    /// <param name="from">The whole per-voter budget the run is for, when <paramref name="horizon"/> is above it.</param>
    /// <param name="horizon">The largest per-voter budget of interest; equal to <paramref name="from"/>: no look ahead.</param>
    public EqualSharesEngine.Outcome Execute(T perVoter, long from, long horizon)
    {
        _from = from;
        _until = horizon;
        Array.Clear(_slot, 0, _classes); // a run given up half-way may have left some set
        _classes = 0;
        int m = _e.Cost.Length;
        var winners = new List<int>();
        long total = 0;

        // Free projects with supporters cost nobody anything: bought first.
        foreach (var c in Enumerable.Range(0, m).Where(c => _e.Considered[c] && _e.Support[c] > 0 && _e.Cost[c] == 0).OrderBy(c => _e.TieRank[c]))
            winners.Add(c);
        if (_e.Voters == 0 || T.Sign(perVoter) <= 0)
            return new(winners, total, _until);

        NewClass(T.Zero, T.Zero);
        NewClass(perVoter, T.Of(1));
        Array.Fill(_classOf, 1);
        var remaining = Enumerable.Range(0, m).Where(c => _e.Considered[c] && _e.Support[c] > 0 && _e.Cost[c] > 0).ToList();
        foreach (var c in remaining)
        {
            // C / p can never exceed the total weight: all pay the same price, rest = C.
            _weight[c] = _e.Support[c];
            _rest[c] = T.Of(_e.Cost[c]);
            _estimate[c] = _e.Support[c];
        }
        var evaluated = new List<int>();
        var passed = new List<int>();
        var dropped = new List<int>();
        Comparison<int> byEstimate = (a, b) =>
        {
            int byValue = _estimate[b].CompareTo(_estimate[a]);
            return byValue != 0 ? byValue : _e.TieRank[a].CompareTo(_e.TieRank[b]);
        };

        while (remaining.Count > 0)
        {
            remaining.Sort(byEstimate);
            evaluated.Clear();
            passed.Clear();
            dropped.Clear();
            int best = -1;
            foreach (var c in remaining)
            {
                if (best >= 0 && T.IsSurelyPositive(Lead(best, c)))
                {
                    passed.Add(c);
                    continue;
                }
                if (!Evaluate(c, _groups))
                {
                    dropped.Add(c);
                    continue;
                }
                evaluated.Add(c);
                if (best < 0 || Beats(c, best))
                {
                    best = c;
                    (_groups, _bestGroups) = (_bestGroups, _groups);
                }
            }
            foreach (var c in dropped)
                remaining.Remove(c);
            if (best < 0)
                break;
            if (Tracking)
                foreach (var c in evaluated.Concat(passed))
                    if (c != best)
                        Keep(Lead(best, c), LeadSlope(best, c), strict: _e.TieRank[c] < _e.TieRank[best]);
            Charge(best, _bestGroups);
            winners.Add(best);
            total += _e.Cost[best];
            remaining.Remove(best);
        }
        return new(winners, total, _until);
    }

    /// <summary>C_a·W_a·rest_b - C_b·W_b·rest_a: positive when a's value C / p is the larger (rests are positive).</summary>
    private T Lead(int a, int b) => _rest[b] * _e.Cost[a] * _weight[a] - _rest[a] * _e.Cost[b] * _weight[b];

    /// <summary>How <see cref="Lead"/> changes per unit of t.</summary>
    private T LeadSlope(int a, int b) => _restSlope[b] * _e.Cost[a] * _weight[a] - _restSlope[a] * _e.Cost[b] * _weight[b];

    private bool Beats(int c, int best)
    {
        int sign = T.Sign(Lead(c, best));
        return sign > 0 || (sign == 0 && _e.TieRank[c] < _e.TieRank[best]);
    }

    /// <summary>
    /// Whether the supporters of <paramref name="c"/> can pay for it; if so, records its rest and weight. Leaves in
    /// <paramref name="groups"/> its supporters with money left, and which of them pay all they have.
    /// </summary>
    private bool Evaluate(int c, Groups groups)
    {
        Aggregate(c, groups);
        long cost = _e.Cost[c];
        int n = groups.Length;
        var cls = groups.Class;
        var weights = groups.Weight;
        var counts = groups.Count;
        var paysAll = groups.PaysAll;
        var values = groups.Value;
        T money = T.Zero, moneySlope = T.Zero;
        long weight = 0;
        for (int i = 0; i < n; i++)
        {
            money = T.MultiplyAdd(money, values[i], counts[i]);
            weight += weights[i] * counts[i];
        }
        if (Tracking)
            for (int i = 0; i < n; i++)
                moneySlope = T.MultiplyAdd(moneySlope, _slope[cls[i]], counts[i]);
        var gap = money - T.Of(cost);
        if (T.Sign(gap) < 0)
        {
            Keep(-gap, -moneySlope, strict: true);
            return false;
        }
        Keep(gap, moneySlope, strict: false);

        // A supporter pays all it has when its budget per unit of weight is below the price p = rest / weight.
        // Each one found raises the price: go round until a whole turn finds none.
        var rest = T.Of(cost);
        for (int i = 0, unchanged = 0; unchanged < n; i = i + 1 == n ? 0 : i + 1)
        {
            if (!paysAll[i] && T.SignOfDifference(rest, weights[i], values[i], weight) > 0)
            {
                paysAll[i] = true;
                rest = T.MultiplyAdd(rest, values[i], -counts[i]);
                weight -= weights[i] * counts[i];
                unchanged = 0;
            }
            unchanged++;
        }
        var restSlope = T.Zero;
        if (Tracking)
        {
            for (int i = 0; i < n; i++)
                if (paysAll[i])
                    restSlope = T.MultiplyAdd(restSlope, _slope[cls[i]], -counts[i]);
            for (int i = 0; i < n; i++)
            {
                var margin = rest * weights[i] - values[i] * weight;
                var marginSlope = restSlope * weights[i] - _slope[cls[i]] * weight;
                if (paysAll[i])
                    Keep(margin, marginSlope, strict: false);
                else
                    Keep(-margin, -marginSlope, strict: false);
            }
        }
        _weight[c] = weight;
        _rest[c] = rest;
        _restSlope[c] = restSlope;
        _estimate[c] = (double)cost * weight / T.Estimate(rest);
        return true;
    }

    /// <summary>Narrows the look ahead to where at + slope·(t - from) keeps its sign (at is non-negative, positive if strict).</summary>
    private void Keep(T at, T slope, bool strict)
    {
        if (Tracking)
            _until = _from + T.Reach(at, slope, strict, _until - _from);
    }

    /// <summary>Buys the project: each supporter pays min(budget, p·weight), p = rest / weight.</summary>
    private void Charge(int c, Groups groups)
    {
        var price = _rest[c] / _weight[c];
        var priceSlope = Tracking ? _restSlope[c] / _weight[c] : T.Zero;
        var voters = _e.Supporters[c];
        int i = 0, g = 0;
        foreach (var (weight, end) in _e.Segments[c])
        {
            int first = g;
            for (; g < groups.Length && groups.Weight[g] == weight; g++)
            {
                int old = groups.Class[g];
                int now = groups.PaysAll[g] ? 0
                    : NewClass(T.MultiplyAdd(groups.Value[g], price, -weight), Tracking ? T.MultiplyAdd(_slope[old], priceSlope, -weight) : T.Zero);
                _slot[old] = now;
            }
            // The supporters of this weight are in the classes of its groups (class 0 maps to itself).
            var classOf = _classOf;
            var slot = _slot;
            for (; i < end; i++)
                classOf[voters[i]] = slot[classOf[voters[i]]];
            for (int k = first; k < g; k++)
                slot[groups.Class[k]] = 0;
        }
    }

    /// <summary>The supporters of <paramref name="c"/> with money left, as (class, weight, how many), by weight.</summary>
    private void Aggregate(int c, Groups groups)
    {
        groups.Clear();
        var voters = _e.Supporters[c];
        var classOf = _classOf;
        var slot = _slot; // 1 + the group of a class while its weight is gathered, else 0
        var counts = groups.Count;
        int i = 0;
        foreach (var (weight, end) in _e.Segments[c])
        {
            int first = groups.Length;
            for (; i < end; i++)
            {
                int cls = classOf[voters[i]];
                if (cls == 0)
                    continue;
                int g = slot[cls] - 1;
                if (g < 0)
                {
                    g = groups.Add(cls, weight, _value[cls]);
                    slot[cls] = g + 1;
                    counts = groups.Count;
                }
                counts[g]++;
            }
            for (int g = first; g < groups.Length; g++)
                slot[groups.Class[g]] = 0;
        }
    }

    private int NewClass(T value, T slope)
    {
        if (_classes == _value.Length)
        {
            int size = _classes * 2;
            Array.Resize(ref _value, size);
            Array.Resize(ref _slope, size);
            Array.Resize(ref _slot, size);
        }
        _value[_classes] = value;
        _slope[_classes] = slope;
        return _classes++;
    }

    /// <summary>A project's supporters with money left, as (class, weight, how many), and which of them pay all they have.</summary>
    private sealed class Groups
    {
        public int Length { get; private set; }

        public int[] Class { get; private set; } = new int[64];

        public long[] Weight { get; private set; } = new long[64];

        public long[] Count { get; private set; } = new long[64];

        public T[] Value { get; private set; } = new T[64];

        public bool[] PaysAll { get; private set; } = new bool[64];

        public void Clear() => Length = 0;

        public int Add(int cls, long weight, T value)
        {
            if (Length == Class.Length)
                Grow();
            Class[Length] = cls;
            Weight[Length] = weight;
            Count[Length] = 0;
            Value[Length] = value;
            PaysAll[Length] = false;
            return Length++;
        }

        private void Grow()
        {
            int size = Length * 2;
            Class = Resized(Class, size);
            Weight = Resized(Weight, size);
            Count = Resized(Count, size);
            Value = Resized(Value, size);
            PaysAll = Resized(PaysAll, size);
        }

        private static TItem[] Resized<TItem>(TItem[] items, int size)
        {
            Array.Resize(ref items, size);
            return items;
        }
    }
}
