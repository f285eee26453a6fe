using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Voting.Grains.Contracts;

namespace Voting.Grains.Telemetry;

/// <summary>
/// The ballot path's instruments (meter <see cref="MeterName"/>): ballots accepted, refused (by reason) and failed,
/// time from a cast reaching its box to its acknowledgement, group-commit batch sizes, log append times, and the lag
/// of live results' publication.
/// </summary>
public sealed class VotingMetrics
{
    public const string MeterName = "Voting.Grains";

    /// <summary>Bucket bounds of the times, in ms: an acknowledgement takes a few ms on one node, up to a second under load or failover.</summary>
    private static readonly InstrumentAdvice<double> Times = new() { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] };

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _ackTime;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _appendTime;
    private readonly Histogram<double> _publicationLag;

    public VotingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("voting.ballots.accepted", "{ballot}", "Ballots acknowledged: durable in their box's log.");
        _refused = meter.CreateCounter<long>("voting.ballots.refused", "{ballot}", "Ballots refused, by reason (closed, not_open, unauthorized, forbidden, invalid, not_found).");
        _failed = meter.CreateCounter<long>("voting.ballots.failed", "{ballot}", "Ballots whose append failed (storage error, or conflicts past the retries).");
        _ackTime = meter.CreateHistogram("voting.ballots.ack_time", "ms", "From a cast reaching its ballot box to its acknowledgement.", advice: Times);
        _batchSize = meter.CreateHistogram("voting.log.batch_size", "{ballot}", "Ballots per durable append (group commit).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
        _appendTime = meter.CreateHistogram("voting.log.append_time", "ms", "One durable append of a batch to a ballot log.", advice: Times);
        _publicationLag = meter.CreateHistogram("voting.results.publication_lag", "ms",
            "From the tallies that cleared a live-results snapshot reaching the results grain to its publication to the web nodes.", advice: Times);
    }

    /// <summary>Counts a cast by its outcome once it is known, and times its acknowledgement.</summary>
    public async Task<Outcome<CastReceipt>> Cast(Task<Outcome<CastReceipt>> cast)
    {
        var started = Stopwatch.GetTimestamp();
        Outcome<CastReceipt> outcome;
        try
        {
            outcome = await cast;
        }
        catch
        {
            _failed.Add(1);
            throw;
        }
        if (outcome.Succeeded)
        {
            _accepted.Add(1);
            _ackTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        else
            _refused.Add(1, new KeyValuePair<string, object?>("reason", ReasonOf(outcome.Failure)));
        return outcome;
    }

    /// <summary>Records one durable append of <paramref name="ballots"/> ballots that started at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Appended(int ballots, long started)
    {
        _batchSize.Record(ballots);
        _appendTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Records the publication of a live-results snapshot whose tallies cleared it at <paramref name="cleared"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Published(long cleared) => _publicationLag.Record(Stopwatch.GetElapsedTime(cleared).TotalMilliseconds);

    /// <summary>The failure's name in snake case, as metric tags are: <c>not_open</c>, <c>unauthorized</c>.</summary>
    private static string ReasonOf(Failure failure) => JsonNamingPolicy.SnakeCaseLower.ConvertName(failure.ToString());
}
