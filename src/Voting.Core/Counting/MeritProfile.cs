namespace Voting.Core.Counting;

/// <summary>
/// The number of judgments a project received at each grade, worst first.
/// Adding or removing one judgment is O(1).
/// </summary>
public sealed class MeritProfile
{
    private readonly long[] _counts;

    public MeritProfile(int grades) => _counts = new long[grades];

    public MeritProfile(IEnumerable<long> counts)
    {
        _counts = counts.ToArray();
        if (_counts.Any(c => c < 0))
            throw new ArgumentException("counts cannot be negative", nameof(counts));
        Total = checked(_counts.Sum());
    }

    public int Grades => _counts.Length;

    public long Total { get; private set; }

    public long this[int grade] => _counts[grade];

    public ReadOnlySpan<long> Counts => _counts;

    public void Add(int grade, long count = 1)
    {
        _counts[grade] = checked(_counts[grade] + count);
        Total = checked(Total + count);
    }

    public void Remove(int grade, long count = 1)
    {
        if (_counts[grade] < count)
            throw new InvalidOperationException($"cannot remove {count} judgment(s) of grade {grade}: only {_counts[grade]} recorded");
        _counts[grade] -= count;
        Total -= count;
    }

    public long[] ToArray() => (long[])_counts.Clone();
}
