using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Results;

namespace Voting.Core.Record;

/// <summary>
/// Writes the election record (docs/record.md) to a folder or a zip: <c>definition.json</c>, <c>log.jsonl</c>,
/// <c>ballots.csv</c>, one <c>&lt;envelope&gt;.pb</c> per envelope, <c>results.json</c> and <c>manifest.json</c>.
/// The log is read once, streaming; its events are kept compactly in memory (receipt, envelope, one byte per
/// grade) to derive and sort the counted ballots. The writer refuses (throws) a log that does not chain from the
/// definition, has an invalid event, or disagrees with <paramref name="results"/> on the number of events or ballots:
/// it never writes a record that would not verify.
/// </summary>
public static class ElectionRecordWriter
{
    public static async Task<RecordManifest> WriteFolderAsync(
        string folder, ElectionDefinition definition, IAsyncEnumerable<LogEntry> log, ElectionResults results, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        await using var sink = new FolderSink(folder);
        return await WriteAsync(sink, definition, log, results, cancellationToken).ConfigureAwait(false);
    }

    public static Task<RecordManifest> WriteFolderAsync(
        string folder, ElectionDefinition definition, IEnumerable<LogEntry> log, ElectionResults results, CancellationToken cancellationToken = default) =>
        WriteFolderAsync(folder, definition, ToAsync(log), results, cancellationToken);

    /// <summary>Writes the record as a zip to <paramref name="output"/> (left open; it need not be seekable).</summary>
    public static async Task<RecordManifest> WriteZipAsync(
        Stream output, ElectionDefinition definition, IAsyncEnumerable<LogEntry> log, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default)
    {
        await using var sink = await ZipSink.CreateAsync(output, level, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(sink, definition, log, results, cancellationToken).ConfigureAwait(false);
    }

    public static Task<RecordManifest> WriteZipAsync(
        Stream output, ElectionDefinition definition, IEnumerable<LogEntry> log, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default) =>
        WriteZipAsync(output, definition, ToAsync(log), results, level, cancellationToken);

    /// <summary>
    /// Writes the record as a zip to <paramref name="output"/> with <paramref name="definitionJson"/>, the definition's
    /// bytes exactly as the engine stored them (their SHA-256 is the genesis of the log's chain), as
    /// <c>definition.json</c>, verbatim. Use it when the stored bytes are at hand: the record then chains whatever
    /// serializer wrote them. Throws <see cref="JsonException"/> when they are not a definition.
    /// </summary>
    public static async Task<RecordManifest> WriteZipAsync(
        Stream output, ReadOnlyMemory<byte> definitionJson, IAsyncEnumerable<LogEntry> log, ElectionResults results,
        CompressionLevel level = CompressionLevel.Fastest, CancellationToken cancellationToken = default)
    {
        var definitionBytes = definitionJson.ToArray();
        var definition = VotingJson.ReadDefinition(definitionBytes);
        await using var sink = await ZipSink.CreateAsync(output, level, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(sink, definition, definitionBytes, log, results, cancellationToken).ConfigureAwait(false);
    }

    private static Task<RecordManifest> WriteAsync(
        IRecordSink sink, ElectionDefinition definition, IAsyncEnumerable<LogEntry> log, ElectionResults results, CancellationToken cancellationToken) =>
        WriteAsync(sink, definition, VotingJson.DefinitionBytes(definition), log, results, cancellationToken);

    private static async Task<RecordManifest> WriteAsync(
        IRecordSink sink, ElectionDefinition definition, byte[] definitionBytes, IAsyncEnumerable<LogEntry> log, ElectionResults results,
        CancellationToken cancellationToken)
    {
        var errors = DefinitionErrors.Of(definition);
        if (errors.Count > 0)
            throw new ArgumentException("the definition is not valid: " + string.Join("; ", errors), nameof(definition));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);

        // definition.json
        files[RecordFiles.Definition] = await WriteBytesAsync(sink, RecordFiles.Definition, definitionBytes, cancellationToken).ConfigureAwait(false);

        // log.jsonl, folding the events as they come
        var index = new DefinitionIndex(definition);
        var replay = new LogReplay(definition, definitionBytes);
        await using (var stream = await sink.CreateAsync(RecordFiles.Log, cancellationToken).ConfigureAwait(false))
        {
            using var output = new HashedOutput(stream);
            long number = 0;
            await foreach (var entry in log.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                AppendEvent(output, replay, entry, ++number);
                if (output.ShouldFlush) await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            files[RecordFiles.Log] = await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        var fold = replay.Fold;
        long events = fold.Events;

        // the counted ballots, sorted by receipt then envelope id
        var counted = CountedRows(fold.Rows, index);
        var rows = fold.Rows;
        long ballots = 0;
        for (int i = 0; i < counted.Length; i++)
            if (i == 0 || !rows.Receipt(counted[i]).SequenceEqual(rows.Receipt(counted[i - 1]))) ballots++;

        if (results.Election != definition.Id)
            throw new ArgumentException($"the results are of election '{results.Election}', the definition of '{definition.Id}'", nameof(results));
        if (results.Version != events)
            throw new ArgumentException($"the results reflect {results.Version} events, the log has {events}", nameof(results));
        if (results.Ballots != ballots)
            throw new ArgumentException($"the results count {results.Ballots} ballots, the log {ballots}", nameof(results));
        if (!results.Envelopes.Select(r => r.Id).SequenceEqual(definition.Envelopes.Select(e => e.Id)))
            throw new ArgumentException("the results' envelopes are not the definition's, in its order", nameof(results));

        // ballots.csv
        await using (var stream = await sink.CreateAsync(RecordFiles.Ballots, cancellationToken).ConfigureAwait(false))
        {
            using var output = new HashedOutput(stream);
            BallotsCsv.WriteHeader(output, index);
            foreach (int row in counted)
            {
                BallotsCsv.WriteRow(output, index, rows.Receipt(row), rows[row].Envelope, rows.Grades(row));
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
            foreach (int row in counted)
            {
                if (rows[row].Envelope != e) continue;
                votes++;
                var grades = rows.Grades(row);
                for (int p = 0; p < grades.Length; p++)
                    if (grades[p] > 0) scores[p] += grades[p];
            }
            var projectIds = envelope.Projects.Select(p => Encoding.UTF8.GetBytes(p.Id)).ToArray();
            await using var stream = await sink.CreateAsync(name, cancellationToken).ConfigureAwait(false);
            using var output = new HashedOutput(stream);
            PabulibExport.WriteHead(output, definition, envelope, votes, scores, results.Envelopes[e].Allocation);
            foreach (int row in counted)
            {
                if (rows[row].Envelope != e) continue;
                PabulibExport.WriteVote(output, rows.Receipt(row), projectIds, rows.Grades(row));
                if (output.ShouldFlush) await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            files[name] = await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // results.json, as the engine publishes it
        var resultsBytes = JsonSerializer.SerializeToUtf8Bytes(results, VotingJson.Indented);
        files[RecordFiles.Results] = await WriteBytesAsync(sink, RecordFiles.Results, resultsBytes, cancellationToken).ConfigureAwait(false);

        var manifest = new RecordManifest(RecordManifest.CurrentFormat, definition.Id, files, ballots, counted.Length, events, replay.HeadHash);
        await WriteBytesAsync(sink, RecordFiles.Manifest, manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        return manifest;
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

    /// <summary>The rows not replaced, sorted by receipt (ordinal bytes) then envelope id (ordinal).</summary>
    internal static int[] CountedRows(RowStore rows, DefinitionIndex index)
    {
        var counted = new List<int>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
            if (!rows[i].Flag) counted.Add(i);
        var array = counted.ToArray();
        Array.Sort(array, new ReceiptOrder(rows, index));
        return array;
    }

    private sealed class ReceiptOrder(RowStore rows, DefinitionIndex index) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            if (x == y) return 0;
            int c = rows.Receipt(x).SequenceCompareTo(rows.Receipt(y));
            return c != 0 ? c : index.EnvelopeRank[rows[x].Envelope].CompareTo(index.EnvelopeRank[rows[y].Envelope]);
        }
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

    public void Next(ReadOnlySpan<byte> canonical) => Sha256Chain.Hash(Head, canonical, default, Head);

    /// <summary>Hashes <paramref name="part"/> followed by <paramref name="tail"/> as the event's canonical bytes, and keeps them.</summary>
    public void Next(ReadOnlySpan<byte> part, ReadOnlySpan<byte> tail)
    {
        int length = part.Length + tail.Length;
        if (_canonical.Length < length) _canonical = new byte[Math.Max(length, _canonical.Length * 2)];
        part.CopyTo(_canonical);
        tail.CopyTo(_canonical.AsSpan(part.Length));
        _length = length;
        Sha256Chain.Hash(Head, _canonical.AsSpan(0, length), default, Head);
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
