using System.IO.Compression;
using System.Text;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Trail;

namespace Voting.Core.Record;

/// <summary>A ballots.csv row as the reader returns it: one counted ballot in one envelope.</summary>
public sealed record BallotRow(string Receipt, string Envelope, IReadOnlyDictionary<string, int> Grades, long Line);

/// <summary>A line of a ballot log (log.jsonl, or a box's log-&lt;box&gt;.jsonl): the event and the chain hash it states.</summary>
public sealed record LoggedEvent(BallotEvent Event, string Hash, long Line);

/// <summary>
/// An election record on disk, a folder or a zip (whose files may sit in one top-level folder). Files are
/// opened as independent streams, so several can be read at once; nothing is loaded whole but the small JSON files.
/// </summary>
public sealed class ElectionRecordReader : IDisposable
{
    private const long SmallFileLimit = 256L << 20;
    private readonly string? _folder;
    private readonly string? _zip;
    private readonly string _prefix = "";
    private readonly Dictionary<string, long> _files = new(StringComparer.Ordinal);

    private ElectionRecordReader(string location, string? folder, string? zip)
    {
        Location = location;
        _folder = folder;
        _zip = zip;
        if (folder is not null)
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
                _files[file.Name] = file.Length;
        }
        else
        {
            using var archive = ZipFile.OpenRead(zip!);
            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToArray();
            if (!entries.Any(e => e.FullName == RecordFiles.Manifest || e.FullName == RecordFiles.Definition))
            {
                var folders = entries.Select(e => e.FullName.Split('/')[0]).Distinct().ToArray();
                if (folders.Length == 1 && entries.All(e => e.FullName.Contains('/'))) _prefix = folders[0] + "/";
            }
            foreach (var entry in entries)
                if (entry.FullName.StartsWith(_prefix, StringComparison.Ordinal))
                    _files[entry.FullName[_prefix.Length..]] = entry.Length;
        }
    }

    /// <summary>Opens a record folder or zip file.</summary>
    public static ElectionRecordReader Open(string path)
    {
        if (Directory.Exists(path)) return new ElectionRecordReader(path, Path.GetFullPath(path), null);
        if (File.Exists(path))
        {
            try
            {
                return new ElectionRecordReader(path, null, Path.GetFullPath(path));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: not a folder nor a readable zip ({e.Message})", e);
            }
        }
        throw new FileNotFoundException($"{path}: no such folder or zip file", path);
    }

    public string Location { get; }

    public bool IsZip => _zip is not null;

    /// <summary>The record's files (names relative to the record), ordinal order.</summary>
    public IReadOnlyList<string> Files => _files.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool Contains(string name) => _files.ContainsKey(name);

    /// <summary>The (uncompressed) size of a file, or null when the record has no such file.</summary>
    public long? Length(string name) => _files.TryGetValue(name, out var length) ? length : null;

    /// <summary>A new stream over one file; dispose it. Throws <see cref="FileNotFoundException"/> when the record has no such file.</summary>
    public Stream OpenRead(string name)
    {
        if (!_files.ContainsKey(name)) throw new FileNotFoundException($"{name}: not in the record {Location}", name);
        if (_folder is not null)
            return new FileStream(Path.Combine(_folder, name), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var archive = ZipFile.OpenRead(_zip!);
        try
        {
            var entry = archive.GetEntry(_prefix + name) ?? throw new FileNotFoundException($"{name}: not in the record {Location}", name);
            return new OwningStream(entry.Open(), archive);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of a small file (definition, manifest, results).</summary>
    public byte[] ReadAllBytes(string name)
    {
        if (Length(name) is > SmallFileLimit) throw new InvalidDataException($"{name}: larger than {SmallFileLimit >> 20} MiB");
        using var stream = OpenRead(name);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public ElectionDefinition ReadDefinition() => VotingJson.ReadDefinition(ReadAllBytes(RecordFiles.Definition));

    public RecordManifest ReadManifest() => RecordManifest.Parse(ReadAllBytes(RecordFiles.Manifest));

    /// <summary>
    /// The officials' actions of trail.jsonl, in order; none when the record has no trail (written before the engine
    /// kept one). Throws <see cref="FormatException"/> at the first line that is not an entry.
    /// </summary>
    public IReadOnlyList<TrailEntry> ReadTrail() =>
        Contains(RecordFiles.Trail)
            ? TrailLines.Read(ReadAllBytes(RecordFiles.Trail), (line, field, message) =>
                throw new FormatException($"{RecordFiles.Trail} line {line}{(field is null ? "" : ", " + field)}: {message}"))
            : [];

    /// <summary>
    /// The rows of ballots.csv, streaming, read against <paramref name="definition"/>.
    /// Throws <see cref="FormatException"/> at the first row that is not valid.
    /// </summary>
    public IEnumerable<BallotRow> ReadBallots(ElectionDefinition definition)
    {
        var index = new DefinitionIndex(definition);
        var parser = new BallotsCsvParser(index);
        using var stream = OpenRead(RecordFiles.Ballots);
        using var lines = new LineReader(stream);
        if (!lines.TryReadLine(out var header)) yield break;
        parser.Header(header, Throw);
        while (true)
        {
            var row = NextRow(lines, parser, index);
            if (row is null) yield break;
            yield return row;
        }
    }

    private static BallotRow? NextRow(LineReader lines, BallotsCsvParser parser, DefinitionIndex index)
    {
        if (!lines.TryReadLine(out var line)) return null;
        parser.Row(line, lines.Line, Throw);
        var grades = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = parser.Grades;
        for (int p = 0; p < cells.Length; p++)
            if (cells[p] >= 0) grades[index.ProjectIds[parser.Envelope][p]] = cells[p];
        return new BallotRow(Encoding.ASCII.GetString(line[parser.Receipt]), index.EnvelopeIds[parser.Envelope], grades, lines.Line);
    }

    /// <summary>The events of log.jsonl, streaming. Throws <see cref="FormatException"/> at the first line that is not a canonical event with its hash.</summary>
    public IEnumerable<LoggedEvent> ReadLog() => ReadLog(RecordFiles.Log);

    /// <summary>The events of one ballot log (<see cref="RecordFiles.BoxLog"/>), streaming, as <see cref="ReadLog()"/>.</summary>
    public IEnumerable<LoggedEvent> ReadLog(string name)
    {
        using var stream = OpenRead(name);
        using var lines = new LineReader(stream);
        var parser = new CanonicalEvent();
        var scratch = new byte[1024];
        while (true)
        {
            var logged = NextEvent(name, lines, parser, ref scratch);
            if (logged is null) yield break;
            yield return logged;
        }
    }

    private static LoggedEvent? NextEvent(string name, LineReader lines, CanonicalEvent parser, ref byte[] scratch)
    {
        if (!lines.TryReadLine(out var line)) return null;
        if (!LogLines.TrySplit(line, out var body, out var hash))
            throw new FormatException($"{name} line {lines.Line}: no \"hash\" field at the end of the line");
        if (scratch.Length < body.Length + 1) scratch = new byte[body.Length * 2];
        body.CopyTo(scratch);
        scratch[body.Length] = (byte)'}';
        var canonical = scratch.AsSpan(0, body.Length + 1);
        if (!parser.TryParse(canonical))
            throw new FormatException($"{name} line {lines.Line}: {parser.Error}");
        var grades = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < parser.Count; i++)
            grades[Encoding.ASCII.GetString(canonical[parser.Project(i)])] = parser.Grade(i);
        var ballot = new BallotEvent(
            parser.Sequence,
            Encoding.ASCII.GetString(canonical[parser.Receipt]),
            parser.Replaces is { } r ? Encoding.ASCII.GetString(canonical[r]) : null,
            Encoding.ASCII.GetString(canonical[parser.Envelope]),
            grades);
        return new LoggedEvent(ballot, Encoding.ASCII.GetString(hash), lines.Line);
    }

    private static void Throw(long line, string? field, string message) =>
        throw new FormatException($"{RecordFiles.Ballots} line {line}{(field is null ? "" : ", " + field)}: {message}");

    public void Dispose()
    {
    }

    /// <summary>A zip entry's stream that also disposes its archive.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => inner.Read(buffer);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
