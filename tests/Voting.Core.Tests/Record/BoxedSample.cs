using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;

namespace Voting.Core.Tests.Record;

/// <summary>
/// One seeded election written twice: as a record of four ballot boxes (voters split over the boxes, each box with
/// its own log and chain) and as a record of one box holding the same events in the order they were cast. Each
/// record's results are counted as the engine counts them: every box's log replayed, the boxes' tallies added up.
/// </summary>
public sealed class BoxedSample : IDisposable
{
    public const int Boxes = 4;
    public static readonly SyntheticElection Election = new(2000, Seed: 4242, RevoteShare: 0.15, Boxes: Boxes);

    private readonly TempFolder _boxed = new();
    private readonly TempFolder _single = new();

    public BoxedSample()
    {
        Definition = RecordGenerator.Definition("boxes-2025", envelopes: 2, projects: 8, grades: 5, rule: "equalshares/add1");
        DefinitionBytes = VotingJson.DefinitionBytes(Definition);
        BoxLogs = RecordGenerator.BoxLogs(Definition, Election).Select(log => log.ToArray()).ToArray();
        OneLog = RecordGenerator.Log(Definition, Election).ToArray();
        BoxResults = TallySnapshot.Sum(BoxLogs.Select(log => Replay(log).Snapshot()).ToArray()).Count(Definition);
        OneResults = Replay(OneLog).Count();
        BoxManifest = ElectionRecordWriter.WriteFolderAsync(BoxedFolder, Definition, BoxLogs, BoxResults).GetAwaiter().GetResult();
        OneManifest = ElectionRecordWriter.WriteFolderAsync(SingleFolder, Definition, OneLog, OneResults).GetAwaiter().GetResult();
    }

    public ElectionDefinition Definition { get; }

    public byte[] DefinitionBytes { get; }

    /// <summary>The log of each box, in box order.</summary>
    public LogEntry[][] BoxLogs { get; }

    /// <summary>The same events as one log, in the order they were cast.</summary>
    public LogEntry[] OneLog { get; }

    public ElectionResults BoxResults { get; }

    public ElectionResults OneResults { get; }

    public RecordManifest BoxManifest { get; }

    public RecordManifest OneManifest { get; }

    public string BoxedFolder => _boxed.Path;

    public string SingleFolder => _single.Path;

    /// <summary>A copy of the four-box record in a new folder, to change.</summary>
    public TempFolder Copy()
    {
        var copy = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(BoxedFolder))
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        return copy;
    }

    private LogReplay Replay(IEnumerable<LogEntry> log)
    {
        var replay = new LogReplay(Definition, DefinitionBytes);
        foreach (var entry in log) replay.Append(entry.Event.Span, entry.Hash);
        return replay;
    }

    public void Dispose()
    {
        _boxed.Dispose();
        _single.Dispose();
    }
}
