using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>The writer refuses box logs that would not verify: a receipt in the wrong box or in two, a broken chain, results off.</summary>
public class BoxedWriterTests(BoxedSample sample) : IClassFixture<BoxedSample>
{
    private static LogEntry Entry(string line) => new(System.Text.Encoding.UTF8.GetBytes(BoxedLogs.Canonical(line)), line[^66..^2]);

    /// <summary>The box logs as lines, to edit and chain again.</summary>
    private List<string>[] Lines() =>
        Enumerable.Range(0, BoxedSample.Boxes).Select(b => BoxedLogs.Lines(Path.Combine(sample.BoxedFolder, RecordFiles.BoxLog(b, BoxedSample.Boxes)))).ToArray();

    private async Task<InvalidDataException> Refused(List<string>[] boxes)
    {
        using var folder = new TempFolder();
        var logs = boxes.Select(lines => BoxedLogs.Rechain(lines, sample.DefinitionBytes).Select(Entry).ToArray()).ToArray();
        return await Assert.ThrowsAsync<InvalidDataException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, sample.Definition, logs, sample.BoxResults));
    }

    [Fact]
    public async Task The_rechained_logs_unchanged_are_written()
    {
        using var folder = new TempFolder();
        var logs = Lines().Select(lines => BoxedLogs.Rechain(lines, sample.DefinitionBytes).Select(Entry).ToArray()).ToArray();
        await ElectionRecordWriter.WriteFolderAsync(folder.Path, sample.Definition, logs, sample.BoxResults);
        Assert.Equal(File.ReadAllBytes(Path.Combine(sample.BoxedFolder, RecordFiles.Manifest)), File.ReadAllBytes(folder[RecordFiles.Manifest]));
    }

    [Fact]
    public async Task An_event_moved_to_another_box_is_refused()
    {
        var boxes = Lines();
        int lone = BoxedLogs.LoneBallot(boxes[1]);
        var moved = boxes[1][lone];
        boxes[1].RemoveAt(lone);
        boxes[2].Add(moved);
        var e = await Refused(boxes);
        Assert.StartsWith("log-2.jsonl: log entry " + boxes[2].Count + ": receipt '1-", e.Message, StringComparison.Ordinal);
        Assert.Contains("'2-'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_in_two_boxes_is_refused()
    {
        var boxes = Lines();
        boxes[3].Add(boxes[0][BoxedLogs.LoneBallot(boxes[0])]);
        var e = await Refused(boxes);
        Assert.StartsWith("log-3.jsonl: log entry " + boxes[3].Count + ": receipt '0-", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_box_log_that_does_not_chain_is_refused_naming_its_file()
    {
        using var folder = new TempFolder();
        var logs = sample.BoxLogs.Select(log => log.ToArray()).ToArray();
        logs[2][5] = logs[2][5] with { Hash = logs[2][6].Hash };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, sample.Definition, logs, sample.BoxResults));
        Assert.StartsWith("log-2.jsonl: log entry 6: hash", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_must_count_the_events_and_ballots_of_all_boxes()
    {
        using var folder = new TempFolder();
        var results = sample.BoxResults;
        await Assert.ThrowsAsync<ArgumentException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, sample.Definition, sample.BoxLogs, results with { Version = sample.BoxLogs[0].Length }));
        await Assert.ThrowsAsync<ArgumentException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, sample.Definition, sample.BoxLogs, results with { Ballots = results.Ballots - 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, sample.Definition, Array.Empty<LogEntry[]>(), results));
    }
}
