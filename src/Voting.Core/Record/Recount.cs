using System.Text.Json;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Results;

namespace Voting.Core.Record;

/// <summary>The results recounted from a record, and the JSON bytes <c>results.json</c> must equal.</summary>
public sealed record RecountOutcome(ElectionResults Results, byte[] Json, long Rows, long Ballots, long Events);

/// <summary>
/// Counts an election from its record alone: <c>definition.json</c>, <c>ballots.csv</c> (streaming) and the
/// manifest's number of events (the results' <c>version</c>), with the same counting core as the engine, and
/// serializes the results as the engine publishes them (<see cref="VotingJson.Indented"/>).
/// A record whose ballots cannot all be read (a bad row, rows out of order or repeated) is refused with a
/// <see cref="FormatException"/> naming the place: a recount never silently skips a ballot.
/// </summary>
public static class Recount
{
    public static RecountOutcome FromRecord(string path, RecordProgress? progress = null)
    {
        using var record = ElectionRecordReader.Open(path);
        return FromRecord(record, progress);
    }

    public static RecountOutcome FromRecord(ElectionRecordReader record, RecordProgress? progress = null) =>
        FromRecord(record, progress, DefaultPartSize);

    /// <param name="partSize">The least size of a part of ballots.csv read by a thread of its own.</param>
    internal static RecountOutcome FromRecord(ElectionRecordReader record, RecordProgress? progress, long partSize)
    {
        ElectionDefinition definition;
        try
        {
            definition = record.ReadDefinition();
        }
        catch (JsonException e)
        {
            throw new FormatException($"{RecordFiles.Definition} line {(e.LineNumber ?? 0) + 1}: not a valid definition ({e.Message})", e);
        }
        var errors = DefinitionErrors.Of(definition);
        if (errors.Count > 0)
            throw new FormatException($"{RecordFiles.Definition}: {string.Join("; ", errors)}");
        if (!record.Contains(RecordFiles.Manifest))
            throw new FileNotFoundException($"{RecordFiles.Manifest}: missing; the recount takes the number of events (the results' version) from it");
        var manifest = record.ReadManifest();
        if (!record.Contains(RecordFiles.Ballots))
            throw new FileNotFoundException($"{RecordFiles.Ballots}: missing");

        var index = new DefinitionIndex(definition);
        long length = record.Length(RecordFiles.Ballots) ?? 0;
        if (progress is not null) progress.Total = length;
        int parts = record.IsZip ? 1 : (int)Math.Clamp(Math.Min(Math.Max(Environment.ProcessorCount, 2), length / partSize), 1, 8);
        var (tally, rows, receipts) = parts == 1 ? FoldWhole(record, index, progress) : FoldInParts(record, index, progress, length, parts);

        var results = ElectionCount.Count(tally, manifest.Events, envelope => BallotsOf(record, definition, envelope));
        var json = JsonSerializer.SerializeToUtf8Bytes(results, VotingJson.Indented);
        return new RecountOutcome(results, json, rows, receipts, manifest.Events);
    }

    private const long DefaultPartSize = 8L << 20;

    private static (ElectionTally, long, long) FoldWhole(ElectionRecordReader record, DefinitionIndex index, RecordProgress? progress)
    {
        var fold = new CsvFold(index, store: null);
        using (var stream = record.OpenRead(RecordFiles.Ballots))
        using (var lines = new LineReader(stream) { Progress = progress?.Tracker() })
        {
            fold.Run(lines, Refuse, Refuse);
        }
        if (!fold.HeaderRead) throw new FormatException($"{RecordFiles.Ballots}: no header");
        if (fold.Duplicates > 0)
            throw new FormatException($"{RecordFiles.Ballots} line {fold.FirstDuplicateLine}: the same receipt and envelope as the line before ({fold.Duplicates} such rows)");
        return (fold.Tally, fold.Rows, fold.Receipts);
    }

    /// <summary>
    /// Folds ballots.csv in <paramref name="parts"/> byte ranges split at line ends, one thread each, then merges the
    /// tallies; the order, the repeated rows and the distinct receipts are checked across the boundaries too.
    /// </summary>
    private static (ElectionTally, long, long) FoldInParts(ElectionRecordReader record, DefinitionIndex index, RecordProgress? progress, long length, int parts)
    {
        byte[] header;
        var starts = new long[parts + 1];
        using (var stream = record.OpenRead(RecordFiles.Ballots))
        {
            header = ReadLineAt(stream, 0, out long afterHeader);
            if (afterHeader < 0) throw new FormatException($"{RecordFiles.Ballots}: no header");
            starts[0] = 0;
            for (int p = 1; p < parts; p++)
            {
                ReadLineAt(stream, Math.Max(afterHeader, length * p / parts) - 1, out long next);
                starts[p] = next < 0 ? length : Math.Max(next, starts[p - 1]);
            }
            starts[parts] = length;
        }
        var folds = new CsvFold[parts];
        var lineCounts = new long[parts];
        var problems = new (long Line, string? Field, string Message)?[parts];
        Parallel.For(0, parts, p =>
        {
            var fold = folds[p] = new CsvFold(index, store: null);
            using var stream = record.OpenRead(RecordFiles.Ballots);
            stream.Position = starts[p];
            using var lines = new LineReader(new RangeStream(stream, starts[p + 1] - starts[p])) { Progress = progress?.Tracker() };
            void Stop(long line, string? field, string message)
            {
                problems[p] ??= (line, field, message);
                throw new OperationCanceledException();
            }
            try
            {
                fold.Run(lines, Stop, Stop, header: p == 0 ? null : header);
            }
            catch (OperationCanceledException) when (problems[p] is not null)
            {
            }
            lineCounts[p] = lines.Line;
        });

        long offset = 0, rows = 0, receipts = 0;
        var tally = folds[0].Tally;
        for (int p = 0; p < parts; p++)
        {
            var fold = folds[p];
            if (problems[p] is { } problem)
                throw new FormatException($"{RecordFiles.Ballots} line {problem.Line + offset}{(problem.Field is null ? "" : ", " + problem.Field)}: {problem.Message}");
            if (fold.Duplicates > 0)
                throw new FormatException($"{RecordFiles.Ballots} line {fold.FirstDuplicateLine + offset}: the same receipt and envelope as the line before ({fold.Duplicates} such rows)");
            receipts += fold.Receipts;
            rows += fold.Rows;
            if (p > 0 && fold.First is { } first)
            {
                var last = folds[..p].Select(f => f.Last).LastOrDefault(l => l is not null);
                if (last is { } previous)
                {
                    int c = first.Receipt.AsSpan().SequenceCompareTo(previous.Receipt);
                    if (c == 0) receipts--;
                    if (c == 0) c = index.EnvelopeRank[first.Envelope].CompareTo(index.EnvelopeRank[previous.Envelope]);
                    if (c < 0) throw new FormatException($"{RecordFiles.Ballots} line {offset + 1}: rows are not sorted by receipt, then envelope id");
                    if (c == 0) throw new FormatException($"{RecordFiles.Ballots} line {offset + 1}: the same receipt and envelope as the line before");
                }
                foreach (var id in index.EnvelopeIds) tally[id].Merge(fold.Tally[id]);
            }
            offset += lineCounts[p];
        }
        tally.Voters = receipts;
        return (tally, rows, receipts);
    }

    /// <summary>The line that starts right after <paramref name="position"/> (or at 0), and where the next one starts (-1 at the end).</summary>
    private static byte[] ReadLineAt(Stream stream, long position, out long next)
    {
        stream.Position = Math.Max(0, position);
        var line = new List<byte>();
        bool skip = position > 0;
        long at = stream.Position;
        var buffer = new byte[4096];
        while (true)
        {
            int read = stream.Read(buffer, 0, buffer.Length);
            if (read == 0) { next = -1; return line.ToArray(); }
            for (int i = 0; i < read; i++)
            {
                at++;
                if (buffer[i] == '\n')
                {
                    if (skip) { next = at; return []; }
                    next = at;
                    return line.ToArray();
                }
                if (!skip) line.Add(buffer[i]);
            }
        }
    }

    /// <summary>An envelope's ballots, read again from ballots.csv (only the equal-shares rules ask for them).</summary>
    private static IEnumerable<IReadOnlyDictionary<string, int>> BallotsOf(ElectionRecordReader record, ElectionDefinition definition, string envelope) =>
        record.ReadBallots(definition).Where(row => row.Envelope == envelope).Select(row => row.Grades);

    /// <summary>A read-only window of <paramref name="length"/> bytes of a stream, from its current position.</summary>
    private sealed class RangeStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _length;
        private long _left;

        public RangeStream(Stream inner, long length)
        {
            _inner = inner;
            _length = _left = length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _left; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0) return 0;
            int read = _inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= read;
            return read;
        }
    }

    private static void Refuse(long line, string? field, string message) =>
        throw new FormatException($"{RecordFiles.Ballots} line {line}{(field is null ? "" : ", " + field)}: {message}");
}
