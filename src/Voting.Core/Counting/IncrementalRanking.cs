namespace Voting.Core.Counting;

/// <summary>
/// A ranking kept up to date as judgments arrive: changing one project's profile moves only that project,
/// found by binary search, instead of re-sorting everything. Projects compare by majority value (as shares
/// when totals differ), then by index, so the order equals a batch sort of the same profiles.
/// </summary>
public sealed class IncrementalRanking
{
    private readonly long[][] _profiles;
    private readonly int[] _order;     // project indexes, best first
    private readonly int[] _position;  // position of each project in _order

    public IncrementalRanking(IReadOnlyList<IReadOnlyList<long>> profiles)
    {
        _profiles = profiles.Select(p => p.ToArray()).ToArray();
        _order = Enumerable.Range(0, _profiles.Length).ToArray();
        Array.Sort(_order, Compare);
        _position = new int[_order.Length];
        for (int i = 0; i < _order.Length; i++) _position[_order[i]] = i;
    }

    public int Count => _order.Length;

    /// <summary>Project indexes, best first.</summary>
    public ReadOnlySpan<int> Order => _order;

    public ReadOnlySpan<long> Profile(int project) => _profiles[project];

    public int PositionOf(int project) => _position[project];

    /// <summary>The competition rank of a project (1 for the best; tied projects share the rank of the first of them).</summary>
    public int RankOf(int project)
    {
        int position = _position[project];
        while (position > 0 && MajorityValue.Compare(_profiles[_order[position - 1]], _profiles[project]) == 0)
            position--;
        return position + 1;
    }

    public void Add(int project, int grade)
    {
        _profiles[project][grade] = checked(_profiles[project][grade] + 1);
        Reposition(project);
    }

    public void Remove(int project, int grade)
    {
        if (_profiles[project][grade] == 0)
            throw new InvalidOperationException($"project {project} has no judgment of grade {grade} to remove");
        _profiles[project][grade]--;
        Reposition(project);
    }

    private void Reposition(int project)
    {
        int from = _position[project];
        int last = _order.Length - 1;
        Array.Copy(_order, from + 1, _order, from, last - from);

        int lo = 0, hi = last; // search among the other projects, now in _order[0..last)
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Compare(_order[mid], project) < 0) lo = mid + 1;
            else hi = mid;
        }
        Array.Copy(_order, lo, _order, lo + 1, last - lo);
        _order[lo] = project;
        for (int i = Math.Min(from, lo); i <= Math.Max(from, lo); i++) _position[_order[i]] = i;
    }

    private int Compare(int x, int y)
    {
        int byValue = MajorityValue.Compare(_profiles[y], _profiles[x]);
        return byValue != 0 ? byValue : x.CompareTo(y);
    }
}
