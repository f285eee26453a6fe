namespace Voting.Load.Ballots;

/// <summary>Latencies to acknowledgement, one slot per ballot, written without locks.</summary>
public sealed class LatencyRecorder(int count)
{
    private readonly double[] _milliseconds = new double[count];
    private int _next = -1;

    public void Record(TimeSpan latency) => _milliseconds[Interlocked.Increment(ref _next)] = latency.TotalMilliseconds;

    public (double P50, double P99, double Max) Percentiles()
    {
        var sorted = _milliseconds[..Math.Min(_next + 1, _milliseconds.Length)];
        Array.Sort(sorted);
        if (sorted.Length == 0) return (0, 0, 0);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.99), sorted[^1]);
    }
}
