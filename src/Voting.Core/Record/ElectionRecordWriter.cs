using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Voting.Core.Elections;
using Voting.Core.Hashing;
using Voting.Core.Json;
using Voting.Core.Results;
using Voting.Core.Trail;

namespace Voting.Core.Record;

/// <summary>
/// Writes the election record (docs/record.md) to a folder or a zip: <c>definition.json</c>, the ballot log of each
/// ballot box (<c>log.jsonl</c> for a single box, else <c>log-0.jsonl</c>, <c>log-1.jsonl</c>...), <c>ballots.csv</c>,
/// one <c>&lt;envelope&gt;.pb</c> per envelope, <c>results.json</c>, the audit trail <c>trail.jsonl</c> when it is given,
/// and <c>manifest.json</c>.
/// Each log is read once, streaming; its events are kept compactly in memory (receipt, envelope, one byte per
/// grade) to derive and sort the counted ballots. The writer refuses (throws) a log that does not chain from the
/// definition, has an invalid event or a receipt of another box, or results that disagree with the logs on the number
/// of events or ballots: it never writes a record that would not verify.
/// </summary>
public static class ElectionRecordWriter
{
    public static Task<RecordManifest> WriteFolderAsync(
        string folder, ElectionDefinition definition, IAsyncEnumerable<LogEntry> log, ElectionResults results, CancellationToken cancellationToken = default) =>
        WriteFolderAsync(folder, definition, [log], results, cancellationToken);

    public static Task<RecordManifest> WriteFolderAsync(
        string folder, ElectionDefinition definition, IEnumerable<LogEntry> log, ElectionResults results, CancellationToken cancellationToken = default) =>
        WriteFolderAsync(folder, definition, ToAsync(log), results, cancellationToken);

    /// <summary>Writes the record of an election whose ballots went to <c>boxes.Count</c> ballot boxes: their logs, in box order.</summary>
    public static async Task<RecordManifest> WriteFolderAsync(
        string folder, ElectionDefinition definition, IReadOnlyList<IAsyncEnumerable<LogEntry>> boxes, ElectionResults results, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        await using var sink = new FolderSink(folder);
        return await WriteAsync(sink, definition, VotingJson.DefinitionBytes(definition), boxes, results, trail: null, cancellationToken).ConfigureAwait(false);
    }

    public static Task<RecordManifest> WriteFolderAsync(
        string folder, ElectionDefinition definition, IReadOnlyList<IEnumerable<LogEntry>> boxes, ElectionResults results, CancellationToken cancellationToken = default) =>
        WriteFolderAsync(folder, definition, boxes.Select(log => ToAsync(log)).ToArray(), results, cancellationToken);

    /// <summary>Writes the record as a zip to <paramref name="output"/> (left open; it need not be seekable).</summary>
    public static Task<RecordManifest> WriteZipAsync(
        Stream output, ElectionDefinition definition, IAsyncEnumerable<LogEntry> log, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default) =>
        WriteZipAsync(output, definition, [log], results, level, cancellationToken);

    public static Task<RecordManifest> WriteZipAsync(
        Stream output, ElectionDefinition definition, IEnumerable<LogEntry> log, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default) =>
        WriteZipAsync(output, definition, ToAsync(log), results, level, cancellationToken);

    /// <summary>Writes the record of <c>boxes.Count</c> ballot boxes (their logs, in box order) as a zip to <paramref name="output"/> (left open; it need not be seekable).</summary>
    public static async Task<RecordManifest> WriteZipAsync(
        Stream output, ElectionDefinition definition, IReadOnlyList<IAsyncEnumerable<LogEntry>> boxes, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default)
    {
        await using var sink = await ZipSink.CreateAsync(output, level, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(sink, definition, VotingJson.DefinitionBytes(definition), boxes, results, trail: null, cancellationToken).ConfigureAwait(false);
    }

    public static Task<RecordManifest> WriteZipAsync(
        Stream output, ElectionDefinition definition, IReadOnlyList<IEnumerable<LogEntry>> boxes, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default) =>
        WriteZipAsync(output, definition, boxes.Select(log => ToAsync(log)).ToArray(), results, level, cancellationToken);

    /// <summary>
    /// Writes the record as a zip to <paramref name="output"/> with <paramref name="definitionJson"/>, the definition's
    /// bytes exactly as the engine stored them (their SHA-256 is the genesis of the log's chain), as
    /// <c>definition.json</c>, verbatim. Use it when the stored bytes are at hand: the record then chains whatever
    /// serializer wrote them. Throws <see cref="JsonException"/> when they are not a definition.
    /// </summary>
    public static Task<RecordManifest> WriteZipAsync(
        Stream output, ReadOnlyMemory<byte> definitionJson, IAsyncEnumerable<LogEntry> log, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default) =>
        WriteZipAsync(output, definitionJson, [log], results, trail: null, level, cancellationToken);

    /// <summary>
    /// Writes the record of <c>boxes.Count</c> ballot boxes (their logs, in box order) as a zip, with the definition's
    /// stored bytes as <c>definition.json</c>, verbatim (see the single-log overload), and the election's audit trail
    /// as <c>trail.jsonl</c> when there is one (the engine always gives it; a record without one is what the engine
    /// wrote before it kept a trail).
    /// </summary>
    public static async Task<RecordManifest> WriteZipAsync(
        Stream output, ReadOnlyMemory<byte> definitionJson, IReadOnlyList<IAsyncEnumerable<LogEntry>> boxes, ElectionResults results,
        IReadOnlyList<TrailEntry>? trail = null, CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default)
    {
        var definitionBytes = definitionJson.ToArray();
        var definition = VotingJson.ReadDefinition(definitionBytes);
        await using var sink = await ZipSink.CreateAsync(output, level, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(sink, definition, definitionBytes, boxes, results, trail, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RecordManifest> WriteAsync(
        IRecordSink sink, ElectionDefinition definition, byte[] definitionBytes, IReadOnlyList<IAsyncEnumerable<LogEntry>> boxes, ElectionResults results,
        IReadOnlyList<TrailEntry>? trail, CancellationToken cancellationToken)
    {
        var errors = DefinitionErrors.Of(definition);
        if (errors.Count > 0)
            throw new ArgumentException("the definition is not valid: " + string.Join("; ", errors), nameof(definition));
        foreach (var (at, field, message) in trail is null ? [] : ElectionTrail.Problems(trail))
            throw new ArgumentException($"the audit trail is not well-formed: entry {at + 1}{(field is null ? "" : ", " + field)}: {message}", nameof(trail));
        if (boxes.Count == 0)
            throw new ArgumentException("an election has one ballot box or more", nameof(boxes));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);

        // definition.json
        files[RecordFiles.Definition] = await WriteBytesAsync(sink, RecordFiles.Definition, definitionBytes, cancellationToken).ConfigureAwait(false);

        // the boxes' logs, folding the events as they come
        var replays = new LogReplay[boxes.Count];
        for (int box = 0; box < boxes.Count; box++)
        {
            var name = RecordFiles.BoxLog(box, boxes.Count);
            try
            {
                (replays[box], files[name]) = await WriteLogAsync(sink, name, definition, definitionBytes, boxes[box], BoxReceipts.PrefixBytes(box, boxes.Count), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (InvalidDataException e) when (boxes.Count > 1)
            {
                throw new InvalidDataException($"{name}: {e.Message}", e);
            }
        }
        long events = replays.Sum(r => r.Position);

        // the counted ballots, sorted by receipt then envelope id
        var index = new DefinitionIndex(definition);
        var counted = new CountedBallots(replays.Select(r => r.Fold.Rows).ToArray(), index);
        long ballots = counted.Receipts;

        if (results.Election != definition.Id)
            throw new ArgumentException($"the results are of election '{results.Election}', the definition of '{definition.Id}'", nameof(results));
        if (results.Version != events)
            throw new ArgumentException($"the results reflect {results.Version} events, the log{(boxes.Count == 1 ? " has" : "s have")} {events}", nameof(results));
        if (results.Ballots != ballots)
            throw new ArgumentException($"the results count {results.Ballots} ballots, the log{(boxes.Count == 1 ? "" : "s")} {ballots}", nameof(results));
        if (!results.Envelopes.Select(r => r.Id).SequenceEqual(definition.Envelopes.Select(e => e.Id)))
            throw new ArgumentException("the results' envelopes are not the definition's, in its order", nameof(results));

        // ballots.csv
        await using (var stream = await sink.CreateAsync(RecordFiles.Ballots, cancellationToken).ConfigureAwait(false))
        {
            using var output = new HashedOutput(stream);
            BallotsCsv.WriteHeader(output, index);
            for (int i = 0; i < counted.Count; i++)
            {
                BallotsCsv.WriteRow(output, index, counted.Receipt(i), counted.Envelope(i), counted.Grades(i));
                if (output.ShouldFlush) await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            files[RecordFiles.Ballots] = await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // <envelope>.pb
        for (int e = 0; e < definition.Envelopes.Count; e++)
        {
            var envelope = definition.Envelopes[e];
            var name = RecordFiles.Pabulib(envelope.Id);
            var scores = new long[envelope.Projects.Count];
            long votes = 0;
            for (int i = 0; i < counted.Count; i++)
            {
                if (counted.Envelope(i) != e) continue;
                votes++;
                var grades = counted.Grades(i);
                for (int p = 0; p < grades.Length; p++)
                    if (grades[p] > 0) scores[p] += grades[p];
            }
            var projectIds = envelope.Projects.Select(p => Encoding.UTF8.GetBytes(p.Id)).ToArray();
            await using var stream = await sink.CreateAsync(name, cancellationToken).ConfigureAwait(false);
            using var output = new HashedOutput(stream);
            PabulibExport.WriteHead(output, definition, envelope, votes, scores, results.Envelopes[e].Allocation);
            for (int i = 0; i < counted.Count; i++)
            {
                if (counted.Envelope(i) != e) continue;
                PabulibExport.WriteVote(output, counted.Receipt(i), projectIds, counted.Grades(i));
                if (output.ShouldFlush) await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            files[name] = await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // results.json, as the engine publishes it
        var resultsBytes = JsonSerializer.SerializeToUtf8Bytes(results, VotingJson.Indented);
        files[RecordFiles.Results] = await WriteBytesAsync(sink, RecordFiles.Results, resultsBytes, cancellationToken).ConfigureAwait(false);

        // trail.jsonl, the officials' actions on the election
        if (trail is not null)
            files[RecordFiles.Trail] = await WriteBytesAsync(sink, RecordFiles.Trail, TrailLines.Write(trail), cancellationToken).ConfigureAwait(false);

        var manifest = new RecordManifest(
            boxes.Count == 1 ? RecordManifest.CurrentFormat : RecordManifest.BoxesFormat, definition.Id, files, ballots, counted.Count, events,
            replays.Select(r => new RecordBox(r.Position, r.HeadHash)).ToArray());
        await WriteBytesAsync(sink, RecordFiles.Manifest, manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>Writes one box's log, folding its events; every receipt must start with <paramref name="receiptPrefix"/>.</summary>
    private static async Task<(LogReplay Replay, string Sha256)> WriteLogAsync(
        IRecordSink sink, string name, ElectionDefinition definition, byte[] definitionBytes, IAsyncEnumerable<LogEntry> log, byte[] receiptPrefix,
        CancellationToken cancellationToken)
    {
        var replay = new LogReplay(definition, definitionBytes);
        await using var stream = await sink.CreateAsync(name, cancellationToken).ConfigureAwait(false);
        using var output = new HashedOutput(stream);
        long number = 0;
        await foreach (var entry in log.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            AppendEvent(output, replay, entry, ++number);
            var rows = replay.Fold.Rows;
            var receipt = rows.Receipt(rows.Count - 1);
            if (!receipt.StartsWith(receiptPrefix))
                throw new InvalidDataException(
                    $"log entry {number}: receipt '{LogFold.Text(receipt)}' is not of this ballot box (its receipts start with '{Encoding.ASCII.GetString(receiptPrefix)}')");
            if (output.ShouldFlush) await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        return (replay, await output.CompleteAsync(cancellationToken).ConfigureAwait(false));
    }

    private static void AppendEvent(HashedOutput output, LogReplay replay, LogEntry entry, long number)
    {
        var canonical = entry.Event.Span;
        if (canonical.Length < 2 || canonical[^1] != '}')
            throw new InvalidDataException($"log entry {number}: not a canonical ballot event");
        if (!RecordManifest.IsSha256(entry.Hash))
            throw new InvalidDataException($"log entry {number}: hash '{entry.Hash}' is not a SHA-256 in lowercase hex");
        replay.Append(canonical, entry.Hash);
        LogLines.Write(output, canonical, entry.Hash);
    }

    private static async Task<string> WriteBytesAsync(IRecordSink sink, string name, byte[] bytes, CancellationToken cancellationToken)
    {
        await using var stream = await sink.CreateAsync(name, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static async IAsyncEnumerable<LogEntry> ToAsync(IEnumerable<LogEntry> log, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var entry in log)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}

/// <summary>The running head of the ballot chain: SHA-256(previous hash || canonical event bytes).</summary>
internal sealed class ChainState(byte[] genesis)
{
    private byte[] _canonical = new byte[512];
    private int _length;

    public byte[] Head { get; } = genesis.ToArray();

    /// <summary>The canonical bytes of the event last hashed with <see cref="Next(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public ReadOnlySpan<byte> LastCanonical => _canonical.AsSpan(0, _length);

    public void Next(ReadOnlySpan<byte> canonical) => ShortSha256.Hash(Head, canonical, default, Head);

    /// <summary>Hashes <paramref name="part"/> followed by <paramref name="tail"/> as the event's canonical bytes, and keeps them.</summary>
    public void Next(ReadOnlySpan<byte> part, ReadOnlySpan<byte> tail)
    {
        int length = part.Length + tail.Length;
        if (_canonical.Length < length) _canonical = new byte[Math.Max(length, _canonical.Length * 2)];
        part.CopyTo(_canonical);
        tail.CopyTo(_canonical.AsSpan(part.Length));
        _length = length;
        ShortSha256.Hash(Head, _canonical.AsSpan(0, length), default, Head);
    }
}

/// <summary>
/// A line of <c>log.jsonl</c>: the event's canonical bytes with <c>,"hash":"&lt;64 hex&gt;"</c> inserted before the
/// final '}', then '\n'. The canonical bytes are the line up to that field, followed by '}'.
/// </summary>
internal static class LogLines
{
    public static ReadOnlySpan<byte> HashField => ",\"hash\":\""u8;

    /// <summary>The length of <c>,"hash":"…"}</c>.</summary>
    public const int SuffixLength = 9 + 64 + 2;

    public static void Write(HashedOutput output, ReadOnlySpan<byte> canonical, string hash)
    {
        var span = output.GetSpan(canonical.Length + SuffixLength + 1);
        canonical[..^1].CopyTo(span);
        int n = canonical.Length - 1;
        HashField.CopyTo(span[n..]);
        n += HashField.Length;
        n += Encoding.ASCII.GetBytes(hash, span[n..]);
        span[n++] = (byte)'"';
        span[n++] = (byte)'}';
        span[n++] = (byte)'\n';
        output.Advance(n);
    }

    /// <summary>Decodes lowercase hex digits (already checked) into bytes.</summary>
    public static void DecodeHex(ReadOnlySpan<byte> hex, Span<byte> bytes)
    {
        for (int i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[2 * i + 1]));

        static int Nibble(byte c) => c <= '9' ? c - '0' : c - 'a' + 10;
    }

    /// <summary>Splits a line into the event's canonical bytes (without the final '}') and its hash; false when it has no hash field where expected.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> canonicalWithoutBrace, out ReadOnlySpan<byte> hash)
    {
        canonicalWithoutBrace = default;
        hash = default;
        if (line.Length < SuffixLength + 2) return false;
        var suffix = line[^SuffixLength..];
        if (!suffix.StartsWith(HashField) || suffix[^2] != '"' || suffix[^1] != '}') return false;
        hash = suffix.Slice(HashField.Length, 64);
        foreach (var c in hash)
            if (c is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f'))) return false;
        canonicalWithoutBrace = line[..^SuffixLength];
        return true;
    }
}
