using System.Text.Json;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;
using Voting.Grains.Boxes;
using Voting.Grains.Storage;

namespace Voting.Grains.Tests.Cluster;

/// <summary>Counts an election again, without the grains: from its log, or from the ballots that should count.</summary>
public static class Recount
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the whole log, checks its hash chain with <see cref="BallotChain"/>, and returns its events.</summary>
    public static async Task<List<BallotEvent>> ReadLog(IBallotLogStore log, ElectionDefinition definition, string? logId = null)
    {
        var events = new List<BallotEvent>();
        var hash = BallotChain.Genesis(VotingJson.DefinitionBytes(definition));
        await foreach (var record in log.ReadAsync(logId ?? definition.Id))
        {
            var @event = JsonSerializer.Deserialize<BallotEvent>(record.Event, Web)!;
            Assert.Equal(events.Count + 1, record.Sequence);
            Assert.Equal(record.Sequence, @event.Sequence);
            Assert.Equal(record.Event, BallotChain.CanonicalBytes(@event));
            hash = BallotChain.Next(hash, @event);
            Assert.Equal(hash, record.Hash);
            events.Add(@event);
        }
        return events;
    }

    /// <summary>The logs of an election's <paramref name="boxes"/> ballot boxes, one after another.</summary>
    public static async Task<List<BallotEvent>> ReadLogs(IBallotLogStore log, ElectionDefinition definition, int boxes)
    {
        var events = new List<BallotEvent>();
        foreach (var box in BallotBox.All(definition.Id, boxes)) events.AddRange(await ReadLog(log, definition, box.LogId));
        return events;
    }

    /// <summary>The events that count: those whose receipt no later event replaces.</summary>
    public static List<BallotEvent> Counted(IReadOnlyList<BallotEvent> events)
    {
        var replaced = events.Where(e => e.Replaces is not null).Select(e => e.Replaces!).ToHashSet();
        return events.Where(e => !replaced.Contains(e.Receipt)).ToList();
    }

    public static ElectionResults FromLog(ElectionDefinition definition, IReadOnlyList<BallotEvent> events)
    {
        var counted = Counted(events);
        var tally = new ElectionTally(definition);
        foreach (var e in counted) tally[e.Envelope].Add(e.Grades);
        tally.Voters = counted.Select(e => e.Receipt).Distinct().Count();
        return ElectionCount.Count(tally, events.Count, envelope => counted.Where(e => e.Envelope == envelope).Select(e => e.Grades));
    }

    /// <summary>Folds the final ballots, one per voter, in one batch.</summary>
    public static ElectionResults FromBallots(ElectionDefinition definition, IEnumerable<IReadOnlyDictionary<string, int>> ballots, long version)
    {
        var tally = new ElectionTally(definition);
        var parts = new List<(string Envelope, IReadOnlyDictionary<string, int> Grades)>();
        foreach (var ballot in ballots)
        {
            foreach (var group in ballot.GroupBy(g => definition.EnvelopeOf(g.Key)!.Id))
            {
                var grades = group.ToDictionary(g => g.Key, g => g.Value);
                tally[group.Key].Add(grades);
                parts.Add((group.Key, grades));
            }
            tally.Voters++;
        }
        return ElectionCount.Count(tally, version, envelope => parts.Where(p => p.Envelope == envelope).Select(p => p.Grades));
    }

    public static void AssertSame(ElectionResults expected, ElectionResults? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected, VotingJson.Indented), JsonSerializer.Serialize(actual, VotingJson.Indented));
    }
}
