using Voting.Core.Record.Checks;

namespace Voting.Core.Record;

/// <summary>How far a verification or a recount has read: bytes of the large files, out of their total.</summary>
public sealed class RecordProgress
{
    private long _done;

    public long Total { get; internal set; }

    public long Done => Interlocked.Read(ref _done);

    internal void Add(long bytes) => Interlocked.Add(ref _done, bytes);

    /// <summary>A per-file callback for <see cref="LineReader.Progress"/> that adds what the file read since the last call.</summary>
    internal Action<long> Tracker()
    {
        long last = 0;
        return read =>
        {
            Add(read - last);
            last = read;
        };
    }
}

/// <summary>
/// Verifies an election record (docs/record.md) and reports every check as pass, fail or not checked, with the
/// place of every failure. Fails closed: a check that cannot run is "not checked" and the record does not pass.
/// The logs (one per ballot box) and the ballots are read once each, streaming, the logs one after the other while the
/// ballots are read; the counted ballots derived from the logs and the rows of ballots.csv are kept compactly in
/// memory to be compared.
/// </summary>
public static class RecordVerifier
{
    public const string ManifestCheck = "manifest";
    public const string HashesCheck = "hashes";
    public const string DefinitionCheck = "definition";
    public const string ChainCheck = "chain";
    public const string LogCheck = "log";
    public const string BallotsCheck = "ballots";
    public const string RowsCheck = "rows";
    public const string CountsCheck = "counts";
    public const string ResultsCheck = "results";
    public const string PabulibCheck = "pabulib";
    public const string TrailCheck = "trail";

    public static VerificationReport Verify(string path, RecordProgress? progress = null)
    {
        using var record = ElectionRecordReader.Open(path);
        return Verify(record, progress);
    }

    public static VerificationReport Verify(ElectionRecordReader record, RecordProgress? progress = null)
    {
        var facts = new RecordFacts(record, progress ?? new RecordProgress());
        var manifest = new Checks.ManifestCheck();
        var hashes = new Checks.HashesCheck();
        var definition = new Checks.DefinitionCheck();
        var chain = new Checks.ChainCheck();
        var log = new Checks.LogCheck();
        var ballots = new Checks.BallotsCheck();
        var rows = new Checks.RowsCheck();
        var counts = new Checks.CountsCheck();
        var results = new Checks.ResultsCheck();
        var pabulib = new Checks.PabulibCheck();
        var trail = new Checks.TrailCheck();

        manifest.Read(facts);
        definition.Read(facts);
        trail.Read(facts);
        StreamingPasses.Run(facts, chain, log, rows, ballots, pabulib);

        RecordCheck[] checklist = [manifest, hashes, definition, chain, log, ballots, rows, counts, results, pabulib, trail];
        return new VerificationReport(record.Location, checklist.Select(check => check.Conclude(facts)).ToArray(), facts.Trail);
    }
}
