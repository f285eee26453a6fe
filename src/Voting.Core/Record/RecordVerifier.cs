using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Results;

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

    public static VerificationReport Verify(string path, RecordProgress? progress = null)
    {
        using var record = ElectionRecordReader.Open(path);
        return Verify(record, progress);
    }

    public static VerificationReport Verify(ElectionRecordReader record, RecordProgress? progress = null)
    {
        progress ??= new RecordProgress();
        var run = new Run(record, progress);
        return run.Execute();
    }

    private sealed class Run(ElectionRecordReader record, RecordProgress progress)
    {
        private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);
        private readonly FindingList _manifestFindings = new();
        private readonly FindingList _hashFindings = new();
        private readonly FindingList _definitionFindings = new();
        private readonly FindingList _chainFindings = new();
        private readonly FindingList _logFindings = new();
        private readonly FindingList _ballotFindings = new();
        private readonly FindingList _rowFindings = new();
        private readonly FindingList _countFindings = new();
        private readonly FindingList _resultFindings = new();
        private readonly FindingList _pabulibFindings = new();

        private RecordManifest? _manifest;
        private byte[]? _definitionBytes;
        private ElectionDefinition? _definition;
        private DefinitionIndex? _index;

        // the logs, one per ballot box
        private BoxLogPass[] _boxes = [];

        // ballots pass
        private CsvFold? _csv;
        private RowStore? _csvRows;
        private ElectionResults? _recount; // of ballots.csv; its version is set when results.json is compared
        private bool _pabulibRan;

        public VerificationReport Execute()
        {
            ReadManifest();
            ReadDefinition();
            _boxes = RecordFiles.BoxLogs(_manifest?.Boxes.Count ?? BoxesInFiles())
                .Select(file => new BoxLogPass(file, _chainFindings, _logFindings)).ToArray();
            progress.Total = _boxes.Select(b => b.File).Append(RecordFiles.Ballots)
                .Concat(_definition?.Envelopes.Select(e => RecordFiles.Pabulib(e.Id)) ?? [])
                .Sum(name => record.Length(name) ?? 0);

            var logPass = Task.Run(LogPass);
            var ballotsPass = Task.Run(() => Guard(BallotsPass, RecordFiles.Ballots, _rowFindings, _ballotFindings));
            Task.WaitAll(logPass, ballotsPass);
            BoxReceiptCheck.Run(_boxes, _logFindings);

            var checks = new List<CheckResult>
            {
                Result(ManifestCheck, "manifest.json is present and readable", _manifestFindings,
                    _manifest is null ? null : $"election '{_manifest.Election}', {_manifest.Files.Count} files, {_manifest.Ballots} ballots, {_manifest.Rows} rows, {_manifest.Events} events{(_manifest.Boxes.Count == 1 ? "" : $" in {_manifest.Boxes.Count} boxes")}"),
                HashesResult(),
                Result(DefinitionCheck, "definition.json is a valid definition of the manifest's election", _definitionFindings,
                    _definition is null ? null : $"'{_definition.Id}': {_definition.Envelopes.Count} envelopes, {_index!.Columns.Length} projects, {_definition.Grades.Count} grades, balancing {_definition.Balancing}"),
                ChainResult(),
                LogResult(),
                BallotsResult(),
                Result(RowsCheck, "every ballots.csv row is valid against the definition", _rowFindings,
                    _csv is { HeaderRead: true } ? $"{_csv.Rows} rows, {_csv.Receipts} receipts" : null),
                CountsResult(),
                ResultsResult(),
                Result(PabulibCheck, "each envelope's .pb file agrees with ballots.csv", _pabulibFindings,
                    _pabulibRan ? $"{_definition!.Envelopes.Count} files" : null),
            };
            return new VerificationReport(record.Location, checks);
        }

        /// <summary>Runs a pass; a file that cannot be read (I/O error, broken zip entry) fails the checks that needed it.</summary>
        private static void Guard(Action pass, string file, params FindingList[] findings)
        {
            try
            {
                pass();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                foreach (var list in findings) list.Add(file, null, null, "could not be read to the end: " + e.Message);
            }
        }

        private static CheckResult Result(string id, string title, FindingList findings, string? passSummary, string? notCheckedReason = null)
        {
            if (findings.Total > 0)
                return new CheckResult(id, title, CheckStatus.Fail, $"{findings.Total} problem{(findings.Total == 1 ? "" : "s")}", findings.Kept, findings.Total);
            if (passSummary is null)
                return new CheckResult(id, title, CheckStatus.NotChecked, notCheckedReason ?? "could not run (see the checks above)", [], 0);
            return new CheckResult(id, title, CheckStatus.Pass, passSummary, [], 0);
        }

        // ---- manifest and definition ----

        private void ReadManifest()
        {
            if (!record.Contains(RecordFiles.Manifest))
            {
                _manifestFindings.Add(RecordFiles.Manifest, null, null, "missing");
                return;
            }
            try
            {
                _manifest = RecordManifest.Parse(record.ReadAllBytes(RecordFiles.Manifest));
                if (_manifest.Format is not (RecordManifest.CurrentFormat or RecordManifest.BoxesFormat))
                    _manifestFindings.Add(RecordFiles.Manifest, null, "format",
                        $"'{_manifest.Format}' is not a format this tool reads ({RecordManifest.CurrentFormat}, {RecordManifest.BoxesFormat})");
            }
            catch (Exception e) when (e is FormatException or IOException or InvalidDataException)
            {
                _manifestFindings.Add(RecordFiles.Manifest, null, null, e.Message);
                _manifest = null;
            }
        }

        private void ReadDefinition()
        {
            if (!record.Contains(RecordFiles.Definition))
            {
                _definitionFindings.Add(RecordFiles.Definition, null, null, "missing");
                return;
            }
            try
            {
                _definitionBytes = record.ReadAllBytes(RecordFiles.Definition);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                _definitionFindings.Add(RecordFiles.Definition, null, null, e.Message);
                return;
            }
            _hashes[RecordFiles.Definition] = Convert.ToHexStringLower(SHA256.HashData(_definitionBytes));
            ElectionDefinition definition;
            try
            {
                definition = VotingJson.ReadDefinition(_definitionBytes);
            }
            catch (JsonException e)
            {
                _definitionFindings.Add(RecordFiles.Definition, (e.LineNumber ?? 0) + 1, e.Path, FirstSentence(e.Message));
                return;
            }
            var errors = DefinitionErrors.Of(definition);
            foreach (var error in errors)
            {
                int colon = error.IndexOf(": ", StringComparison.Ordinal);
                _definitionFindings.Add(RecordFiles.Definition, null, colon > 0 ? error[..colon] : null, colon > 0 ? error[(colon + 2)..] : error);
            }
            if (_manifest is not null && definition.Id != _manifest.Election)
                _definitionFindings.Add(RecordFiles.Definition, null, "id", $"'{definition.Id}', the manifest is of election '{_manifest.Election}'");
            if (errors.Count > 0) return;
            _definition = definition;
            _index = new DefinitionIndex(definition);
        }

        // ---- the log: chain and events ----

        private void LogPass()
        {
            foreach (var box in _boxes)
                Guard(() => BoxPass(box), box.File, _chainFindings, _logFindings);
        }

        private void BoxPass(BoxLogPass box)
        {
            if (!record.Contains(box.File))
            {
                _chainFindings.Add(box.File, null, null, "missing");
                _logFindings.Add(box.File, null, null, "missing");
                return;
            }
            if (_definitionBytes is null) { HashOnly(box.File); return; }
            box.Run(record, _definitionBytes, _index, progress);
            _hashes[box.File] = box.Sha256!;
        }

        /// <summary>The number of ballot boxes when the manifest does not say: one with a log.jsonl, else one per box log file.</summary>
        private int BoxesInFiles()
        {
            int logs = record.Files.Count(RecordFiles.IsLog);
            return record.Contains(RecordFiles.Log) || logs == 0 ? 1 : logs;
        }

        private bool LogsRead => _boxes.All(b => b.Read);

        /// <summary>How the messages name the logs: "the log", or "the boxes' logs".</summary>
        private string LogsName => _boxes.Length == 1 ? "the log" : "the boxes' logs";

        private long LogEvents => _boxes.Sum(b => b.Events);

        /// <summary>The boxes' folded logs, or null when one could not be folded.</summary>
        private LogFold[]? Folds => _boxes.All(b => b.Fold is not null) ? _boxes.Select(b => b.Fold!).ToArray() : null;

        /// <summary>A field of the manifest about box <paramref name="box"/>: top-level with one box, in <c>boxes</c> with several.</summary>
        private string BoxField(int box, string field) => _boxes.Length == 1 ? field : $"boxes[{box}].{field}";

        private CheckResult ChainResult()
        {
            var title = _boxes.Length == 1
                ? "the hash chain over log.jsonl runs from the definition's hash to the manifest's head"
                : $"the hash chain over each of the {_boxes.Length} boxes' logs runs from the definition's hash to the manifest's head of that box";
            if (!LogsRead) return Result(ChainCheck, title, _chainFindings, null);
            if (_manifest is not null)
                for (int b = 0; b < _boxes.Length; b++)
                    if (_boxes[b].Head != _manifest.Boxes[b].Head)
                        _chainFindings.Add(RecordFiles.Manifest, null, BoxField(b, "head"), $"{_manifest.Boxes[b].Head}, but the chain over {_boxes[b].File} ends at {_boxes[b].Head}");
            var summary = _boxes.Length == 1
                ? $"{_boxes[0].Events} events, head {_boxes[0].Head}"
                : $"{LogEvents} events in {_boxes.Length} boxes, heads {string.Join(", ", _boxes.Select(b => b.Head))}";
            return Result(ChainCheck, title, _chainFindings, _manifest is null ? null : summary, "no manifest head to compare with");
        }

        private CheckResult LogResult()
        {
            var title = _boxes.Length == 1
                ? "every log event is valid against the definition and the events before it"
                : "every event of a box's log is valid against the definition and the events before it in that log, its receipt is of that box and of no other";
            var folds = Folds;
            if (folds is null || (folds.Any(f => f.Unreadable > 0) && _logFindings.Total == 0))
                return Result(LogCheck, title, _logFindings, null);
            var boxes = _boxes.Length == 1 ? "" : $" in {_boxes.Length} boxes";
            return Result(LogCheck, title, _logFindings,
                $"{folds.Sum(f => f.Events)} events{boxes}, {folds.Sum(f => f.CountedReceipts)} counted ballots in {folds.Sum(f => f.CountedRows)} envelope rows");
        }

        // ---- ballots.csv and the .pb files ----

        private void BallotsPass()
        {
            if (!record.Contains(RecordFiles.Ballots))
            {
                _rowFindings.Add(RecordFiles.Ballots, null, null, "missing");
                _ballotFindings.Add(RecordFiles.Ballots, null, null, "missing");
            }
            else if (_index is null)
            {
                HashOnly(RecordFiles.Ballots);
            }
            else
            {
                var store = new RowStore(_index.ProjectsPerEnvelope, indexed: false);
                var fold = new CsvFold(_index, store);
                using (var stream = record.OpenRead(RecordFiles.Ballots))
                using (var lines = new LineReader(stream) { Progress = progress.Tracker() })
                {
                    fold.Run(lines,
                        (line, field, message) => _rowFindings.Add(RecordFiles.Ballots, line, field, message),
                        (line, field, message) => _ballotFindings.Add(RecordFiles.Ballots, line, field, message),
                        record.Length(RecordFiles.Ballots) ?? 0);
                    if (lines.MissingFinalNewline)
                        _rowFindings.Add(RecordFiles.Ballots, lines.Line, null, "the last line has no '\\n' after it");
                    _hashes[RecordFiles.Ballots] = lines.Finish();
                }
                _csv = fold;
                _csvRows = store;
            }

            if (_definition is null)
            {
                foreach (var name in record.Files.Where(n => n.EndsWith(".pb", StringComparison.Ordinal)))
                    HashOnly(name);
                return;
            }
            if (_csv is { HeaderRead: true, InvalidRows: 0 } && _csvRows is { } rows)
            {
                var index = _index!;
                _recount = ElectionCount.Count(_csv.Tally, 0, envelope => BallotsOf(rows, index, envelope));
            }
            for (int e = 0; e < _definition.Envelopes.Count; e++)
                PabulibPass(e);
            _pabulibRan = _recount is not null;
        }

        private void PabulibPass(int e)
        {
            var envelope = _definition!.Envelopes[e];
            var name = RecordFiles.Pabulib(envelope.Id);
            if (!record.Contains(name))
            {
                _pabulibFindings.Add(name, null, null, "missing");
                return;
            }
            if (_csv is not { HeaderRead: true } || _csvRows is null || _recount is null)
            {
                HashOnly(name);
                return;
            }
            var tally = _csv.Tally[envelope.Id];
            var scores = new long[envelope.Projects.Count];
            for (int p = 0; p < scores.Length; p++)
            {
                var profile = tally.Profile(p);
                for (int g = 0; g < profile.Length; g++) scores[p] += g * profile[g];
            }
            var head = new ArrayBufferWriter<byte>();
            PabulibExport.WriteHead(head, _definition, envelope, _csv.RowsPerEnvelope[e], scores, _recount.Envelopes[e].Allocation);
            var expectedHead = Encoding.UTF8.GetString(head.WrittenSpan).Split('\n')[..^1];
            var projectIds = envelope.Projects.Select(p => Encoding.UTF8.GetBytes(p.Id)).ToArray();
            using var stream = record.OpenRead(name);
            using var lines = new LineReader(stream) { Progress = progress.Tracker() };
            foreach (var expected in expectedHead)
            {
                if (!lines.TryReadLine(out var line))
                {
                    _pabulibFindings.Add(name, lines.Line + 1, null, $"the file ends; expected '{Shorten(expected)}'");
                    _hashes[name] = lines.Finish();
                    return;
                }
                if (!line.SequenceEqual(Encoding.UTF8.GetBytes(expected)))
                {
                    var field = expected.Split(';')[0];
                    _pabulibFindings.Add(name, lines.Line, field, $"'{Shorten(Encoding.UTF8.GetString(line))}' where ballots.csv and the definition give '{Shorten(expected)}'");
                }
            }
            var vote = new ArrayBufferWriter<byte>(256);
            var rows = _csvRows;
            for (int r = 0; r < rows.Count; r++)
            {
                if (rows[r].Envelope != e) continue;
                vote.ResetWrittenCount();
                PabulibExport.WriteVote(vote, rows.Receipt(r), projectIds, rows.Grades(r));
                var expected = vote.WrittenSpan[..^1];
                if (!lines.TryReadLine(out var line))
                {
                    _pabulibFindings.Add(name, lines.Line + 1, null, $"the file ends before the vote of ballots.csv line {rows[r].Line} ('{Shorten(Encoding.UTF8.GetString(expected))}')");
                    break;
                }
                if (!line.SequenceEqual(expected))
                    _pabulibFindings.Add(name, lines.Line, VoteField(line, expected),
                        $"'{Shorten(Encoding.UTF8.GetString(line))}' where ballots.csv line {rows[r].Line} gives '{Shorten(Encoding.UTF8.GetString(expected))}'");
            }
            long extra = 0;
            long firstExtra = 0;
            while (lines.TryReadLine(out var line))
                if (!line.IsEmpty && extra++ == 0) firstExtra = lines.Line;
            if (extra > 0)
                _pabulibFindings.Add(name, firstExtra, null, $"{extra} vote line(s) more than ballots.csv has rows in envelope '{envelope.Id}'");
            _hashes[name] = lines.Finish();
        }

        private static string VoteField(ReadOnlySpan<byte> line, ReadOnlySpan<byte> expected)
        {
            int a = line.IndexOf((byte)';'), b = expected.IndexOf((byte)';');
            if (a < 0 || !line[..a].SequenceEqual(expected[..b])) return "voter_id";
            int a2 = line[(a + 1)..].IndexOf((byte)';'), b2 = expected[(b + 1)..].IndexOf((byte)';');
            if (a2 < 0 || !line.Slice(a + 1, a2).SequenceEqual(expected.Slice(b + 1, b2))) return "vote";
            return "points";
        }

        // ---- ballots.csv against the logs ----

        private CheckResult BallotsResult()
        {
            var title = $"ballots.csv holds exactly the counted ballots of {LogsName} (last revision wins), sorted by receipt then envelope";
            var folds = Folds;
            if (folds is null || _csvRows is null || _csv is not { HeaderRead: true })
                return Result(BallotsCheck, title, _ballotFindings, null);
            new BallotsAgainstLogs(_index!, _boxes, _csvRows, _ballotFindings).Run(sorted: _csv.OutOfOrder == 0);
            long unreadable = folds.Sum(f => f.Unreadable);
            if (unreadable > 0 && _ballotFindings.Total == 0)
                return Result(BallotsCheck, title, _ballotFindings, null, $"{unreadable} log events could not be read, so the counted ballots are not known");
            return Result(BallotsCheck, title, _ballotFindings, $"{_csvRows.Count} rows match the {folds.Sum(f => f.CountedRows)} counted envelope ballots of {LogsName}");
        }

        // ---- counts ----

        private CheckResult CountsResult()
        {
            const string title = "the numbers of ballots, rows and events agree with the manifest";
            if (_manifest is null) return Result(CountsCheck, title, _countFindings, null, "no manifest");
            var m = _manifest;
            bool complete = true;
            if (LogsRead)
            {
                if (_boxes.Length > 1)
                {
                    for (int b = 0; b < _boxes.Length; b++)
                        if (_boxes[b].Events != m.Boxes[b].Events)
                            _countFindings.Add(RecordFiles.Manifest, null, BoxField(b, "events"), $"{m.Boxes[b].Events}, {_boxes[b].File} has {_boxes[b].Events} events");
                }
                if (LogEvents != m.Events)
                    _countFindings.Add(RecordFiles.Manifest, null, "events", $"{m.Events}, {(_boxes.Length == 1 ? "log.jsonl has" : "the boxes' logs have")} {LogEvents} events");
            }
            else complete = false;
            if (Folds is { } folds && folds.All(f => f.Unreadable == 0))
            {
                long receipts = folds.Sum(f => f.CountedReceipts), rows = folds.Sum(f => f.CountedRows);
                if (receipts != m.Ballots)
                    _countFindings.Add(RecordFiles.Manifest, null, "ballots", $"{m.Ballots}, {LogsName} count {receipts} ballots");
                if (rows != m.Rows)
                    _countFindings.Add(RecordFiles.Manifest, null, "rows", $"{m.Rows}, {LogsName} count {rows} envelope ballots");
            }
            else complete = false;
            if (_csv is { HeaderRead: true })
            {
                if (_csv.Receipts != m.Ballots)
                    _countFindings.Add(RecordFiles.Manifest, null, "ballots", $"{m.Ballots}, ballots.csv has {_csv.Receipts} distinct receipts");
                if (_csv.Rows != m.Rows)
                    _countFindings.Add(RecordFiles.Manifest, null, "rows", $"{m.Rows}, ballots.csv has {_csv.Rows} rows");
            }
            else complete = false;
            return Result(CountsCheck, title, _countFindings, complete ? $"{m.Ballots} ballots, {m.Rows} rows, {m.Events} events" : null);
        }

        // ---- the recount ----

        private CheckResult ResultsResult()
        {
            const string title = "a recount of ballots.csv with the counting core gives results.json byte for byte";
            if (!record.Contains(RecordFiles.Results))
            {
                _resultFindings.Add(RecordFiles.Results, null, null, "missing");
                return Result(ResultsCheck, title, _resultFindings, null);
            }
            byte[] published;
            try
            {
                published = record.ReadAllBytes(RecordFiles.Results);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                _resultFindings.Add(RecordFiles.Results, null, null, e.Message);
                return Result(ResultsCheck, title, _resultFindings, null);
            }
            _hashes[RecordFiles.Results] = Convert.ToHexStringLower(SHA256.HashData(published));
            if (_csv is not { HeaderRead: true } || _csvRows is null)
                return Result(ResultsCheck, title, _resultFindings, null, "ballots.csv could not be read");
            if (_csv.InvalidRows > 0)
                return Result(ResultsCheck, title, _resultFindings, null, $"{_csv.InvalidRows} rows of ballots.csv could not be counted (see rows)");
            if (_csv.OutOfOrder > 0)
                return Result(ResultsCheck, title, _resultFindings, null, "ballots.csv is not sorted by receipt, so its ballots cannot be counted (see ballots)");
            long? version = _manifest?.Events ?? (LogsRead ? LogEvents : null);
            if (version is null)
                return Result(ResultsCheck, title, _resultFindings, null, "neither the manifest nor the log gives the number of events");

            var recount = _recount! with { Version = version.Value };
            var recounted = JsonSerializer.SerializeToUtf8Bytes(recount, VotingJson.Indented);
            if (published.AsSpan().SequenceEqual(recounted))
                return Result(ResultsCheck, title, _resultFindings, $"{recount.Ballots} ballots, {recount.Envelopes.Count} envelopes recounted, identical");
            Compare(published, recounted);
            return Result(ResultsCheck, title, _resultFindings, null);
        }

        private void Compare(byte[] published, byte[] recounted)
        {
            JsonDocument file;
            try
            {
                file = JsonDocument.Parse(published);
            }
            catch (JsonException e)
            {
                _resultFindings.Add(RecordFiles.Results, (e.LineNumber ?? 0) + 1, null, "not valid JSON: " + FirstSentence(e.Message));
                return;
            }
            using (file)
            using (var mine = JsonDocument.Parse(recounted))
            {
                var differences = JsonDiff.Differences(file.RootElement, mine.RootElement, 20);
                foreach (var (path, actual, expected) in differences)
                    _resultFindings.Add(RecordFiles.Results, null, path, $"{actual} != {expected} (recounted)");
                if (differences.Count == 0)
                {
                    int at = published.AsSpan().CommonPrefixLength(recounted);
                    long line = 1 + published.AsSpan(0, at).Count((byte)'\n');
                    _resultFindings.Add(RecordFiles.Results, line, null, "the same values written differently (whitespace, order or escaping): the file must be the bytes the engine publishes");
                }
            }
        }

        internal static IEnumerable<IReadOnlyDictionary<string, int>> BallotsOf(RowStore rows, DefinitionIndex index, string envelopeId)
        {
            int e = Array.IndexOf(index.EnvelopeIds, envelopeId);
            for (int r = 0; r < rows.Count; r++)
            {
                if (rows[r].Envelope != e) continue;
                yield return ToDictionary(rows.Grades(r), index.ProjectIds[e]);
            }
        }

        private static Dictionary<string, int> ToDictionary(ReadOnlySpan<sbyte> grades, string[] projects)
        {
            var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int p = 0; p < grades.Length; p++)
                if (grades[p] >= 0) ballot[projects[p]] = grades[p];
            return ballot;
        }

        // ---- hashes ----

        private CheckResult HashesResult()
        {
            const string title = "every file's SHA-256 matches the manifest, and the manifest lists every file";
            if (_manifest is null) return Result(HashesCheck, title, _hashFindings, null, "no manifest");
            var required = new List<string> { RecordFiles.Definition };
            required.AddRange(_boxes.Select(b => b.File));
            required.AddRange([RecordFiles.Ballots, RecordFiles.Results]);
            if (_definition is not null) required.AddRange(_definition.Envelopes.Select(e => RecordFiles.Pabulib(e.Id)));
            foreach (var name in required)
                if (!_manifest.Files.ContainsKey(name))
                    _hashFindings.Add(RecordFiles.Manifest, null, "files", $"does not list {name}");
            foreach (var name in record.Files)
                if (name != RecordFiles.Manifest && !_manifest.Files.ContainsKey(name))
                    _hashFindings.Add(name, null, null, "is in the record but not listed in the manifest");
            var logs = _boxes.Select(b => b.File).ToHashSet(StringComparer.Ordinal);
            foreach (var name in record.Files.Union(_manifest.Files.Keys).Where(RecordFiles.IsLog).Where(name => !logs.Contains(name)).Distinct())
                _hashFindings.Add(name, null, null,
                    $"is a ballot log, but not one of the manifest's {(_boxes.Length == 1 ? "box (its log is log.jsonl)" : $"{_boxes.Length} boxes ({_boxes[0].File} to {_boxes[^1].File})")}");
            foreach (var (name, expected) in _manifest.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (!record.Contains(name))
                {
                    _hashFindings.Add(name, null, null, "listed in the manifest but missing");
                    continue;
                }
                if (!_hashes.TryGetValue(name, out var actual)) actual = HashOnly(name);
                if (actual != expected)
                    _hashFindings.Add(name, null, null, $"SHA-256 is {actual}, the manifest says {expected}");
            }
            return Result(HashesCheck, title, _hashFindings, $"{_manifest.Files.Count} files");
        }

        private string HashOnly(string name)
        {
            using var stream = record.OpenRead(name);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    progress.Add(read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return _hashes[name] = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

        private static string FirstSentence(string message)
        {
            int end = message.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? message : message[..(end + 1)];
        }
    }
}
