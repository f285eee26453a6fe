using Voting.Core.Json;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>A replay saved part-way and restored goes on exactly as the one that read the whole log.</summary>
public class LogReplaySaveTests
{
    private static readonly SyntheticElection Election = new(400, Seed: 7, RevoteShare: 0.3);

    [Fact]
    public void A_restored_replay_continues_as_if_it_had_read_everything()
    {
        var definition = RecordGenerator.Definition("saved", envelopes: 2, projects: 5, grades: 5);
        var bytes = VotingJson.DefinitionBytes(definition);
        var log = RecordGenerator.Log(definition, Election).ToArray();
        var whole = new LogReplay(definition, bytes);
        var part = new LogReplay(definition, bytes);
        foreach (var entry in log) whole.Append(entry.Event.Span, entry.Hash);
        foreach (var entry in log[..(log.Length / 2)]) part.Append(entry.Event.Span, entry.Hash);

        var restored = LogReplay.Restore(definition, bytes, part.Save());
        Assert.NotNull(restored);
        Assert.Equal(part.HeadHash, restored.HeadHash);
        foreach (var entry in log[(log.Length / 2)..]) restored.Append(entry.Event.Span, entry.Hash);

        Assert.Equal(SampleRecord.Json(whole.Count()), SampleRecord.Json(restored.Count()));
        Assert.Equal(SampleRecord.Json(SampleRecord.EngineResults(definition, RecordGenerator.Events(definition, Election).ToArray())), SampleRecord.Json(restored.Count()));
        var receipts = RecordGenerator.Events(definition, Election).Select(e => e.Receipt).Distinct().ToArray();
        Assert.Equal(receipts.Length, whole.Snapshot().Casts);
        Assert.Equal(receipts.Length, restored.Snapshot().Casts);
        foreach (var receipt in receipts)
            Assert.Equal(whole.Lookup(receipt)!.Value.Counted, restored.Lookup(receipt)!.Value.Counted);
    }

    [Fact]
    public void A_receipts_grades_are_those_of_its_events_before_and_after_a_save()
    {
        var definition = RecordGenerator.Definition("grades", envelopes: 2, projects: 5, grades: 5);
        var bytes = VotingJson.DefinitionBytes(definition);
        var replay = new LogReplay(definition, bytes);
        foreach (var entry in RecordGenerator.Log(definition, Election)) replay.Append(entry.Event.Span, entry.Hash);
        var restored = LogReplay.Restore(definition, bytes, replay.Save())!;

        var byReceipt = RecordGenerator.Events(definition, Election).GroupBy(e => e.Receipt).ToArray();
        Assert.Contains(byReceipt, events => events.Count() > 1); // some ballots cover both envelopes
        foreach (var events in byReceipt)
        {
            var cast = events.SelectMany(e => e.Grades).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
            Assert.Equal(cast, replay.Grades(events.Key)!.OrderBy(g => g.Key, StringComparer.Ordinal));
            Assert.Equal(cast, restored.Grades(events.Key)!.OrderBy(g => g.Key, StringComparer.Ordinal));
        }
        Assert.Null(replay.Grades("no-such-receipt"));
    }

    [Fact]
    public void A_damaged_or_foreign_save_is_refused()
    {
        var definition = RecordGenerator.Definition("saved", envelopes: 2, projects: 5, grades: 5);
        var bytes = VotingJson.DefinitionBytes(definition);
        var replay = new LogReplay(definition, bytes);
        foreach (var entry in RecordGenerator.Log(definition, Election).Take(50)) replay.Append(entry.Event.Span, entry.Hash);
        var saved = replay.Save();

        var flipped = saved.ToArray();
        flipped[saved.Length / 2] ^= 1;
        Assert.Null(LogReplay.Restore(definition, bytes, flipped));
        Assert.Null(LogReplay.Restore(definition, bytes, saved[..^1]));
        var other = RecordGenerator.Definition("saved", envelopes: 2, projects: 5, grades: 5, balancing: "median");
        Assert.Null(LogReplay.Restore(other, VotingJson.DefinitionBytes(other), saved));
    }
}
