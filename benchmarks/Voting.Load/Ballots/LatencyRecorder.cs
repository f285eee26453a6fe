namespace Voting.Load.Ballots;

/// <summary>Latencies to acknowledgement, one slot per ballot, written without locks.</summary>
public sealed class LatencyRecorder(int count)
{
    private readonly double[] _milliseconds = new double[count];
    private int _next = -1;

    public void Record(TimeSpan latency) => _milliseconds[Interlocked.Increment(ref _next)] = latency.TotalMilliseconds;

    public (double P50, double P99, double Max) Percentiles() => (Percentile(0.50), Percentile(0.99), Percentile(1));

    /// <summary>The latency in ms below which a share <paramref name="q"/> of the recorded ones are (0 when none).</summary>
    public double Percentile(double q)
    {
        var sorted = _milliseconds[..Math.Min(_next + 1, _milliseconds.Length)];
        if (sorted.Length == 0) return 0;
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
