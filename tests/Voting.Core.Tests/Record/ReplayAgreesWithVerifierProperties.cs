using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;

namespace Voting.Core.Tests.Record;

/// <summary>
/// The engine's replay (<see cref="LogReplay"/>) accepts a log exactly when the verifier, reading the same log as
/// the record's log.jsonl, finds its chain and its events valid; and what it accepts, it counts as a naive fold of
/// the same events does. Logs are random runs of voters casting and revising ballots, then damaged in one way or
/// another (events reordered, dropped, repeated, renumbered, replacing the wrong receipt, out of scale...).
/// </summary>
public class ReplayAgreesWithVerifierProperties
{
    private static readonly ElectionDefinition Definition = RecordGenerator.Definition("replay", envelopes: 2, projects: 3, grades: 4);
    private static readonly byte[] DefinitionBytes = VotingJson.DefinitionBytes(Definition);

    /// <param name="StaleHashes">Whether the damaged events keep the hashes of the run before the damage.</param>
    public sealed record Log(List<BallotEvent> Run, List<BallotEvent> Events, string Damage, bool StaleHashes)
    {
        public override string ToString() => $"{Damage}{(StaleHashes ? " (hashes not recomputed)" : "")}:\n" +
            string.Join("\n", Events.Select(e => Canonical(e)));
    }

    /// <summary>A run of casts and revisions: each voter's ballot covers one or both envelopes and replaces the voter's last one.</summary>
    private static Gen<List<BallotEvent>> Runs() =>
        from casts in Gen.ListOf(Cast())
        select Build(casts);

    private static Gen<(int Voter, int Envelopes, int[] Grades)> Cast() =>
        from voter in Gen.Choose(0, 4)
        from envelopes in Gen.Choose(1, 3)
        from grades in Gen.ArrayOf(Gen.Choose(0, 3), 6)
        select (voter, envelopes, grades);

    private static List<BallotEvent> Build(IEnumerable<(int Voter, int Envelopes, int[] Grades)> casts)
    {
        var events = new List<BallotEvent>();
        var last = new Dictionary<int, string>();
        int n = 0;
        foreach (var (voter, envelopes, grades) in casts)
        {
            var receipt = $"r{++n}";
            last.TryGetValue(voter, out var replaces);
            for (int e = 0; e < 2; e++)
            {
                if ((envelopes & (1 << e)) == 0) continue;
                var envelope = Definition.Envelopes[e];
                var ballot = envelope.Projects.Select((p, i) => (p.Id, Grade: grades[e * 3 + i]))
                    .Where((x, i) => i == 0 || x.Grade != 3).ToDictionary(x => x.Id, x => x.Grade);
                events.Add(new BallotEvent(events.Count + 1, receipt, replaces, envelope.Id, ballot));
            }
            last[voter] = receipt;
        }
        return events;
    }

    private static Gen<Log> Logs() =>
        from events in Runs()
        from damage in Gen.Choose(0, 11)
        from at in Gen.Choose(0, 1000)
        from other in Gen.Choose(0, 1000)
        from stale in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Damage(events, damage, at, other, stale);

    private static Log Damage(List<BallotEvent> events, int damage, int at, int other, bool stale)
    {
        var log = events.ToList();
        if (log.Count == 0) return new Log(events, log, "empty", false);
        int i = at % log.Count, j = other % log.Count;
        var e = log[i];
        string what;
        switch (damage)
        {
            case 0: what = "untouched"; break;
            case 1: (log[i], log[j]) = (log[j] with { Sequence = log[i].Sequence }, log[i] with { Sequence = log[j].Sequence }); what = $"events {i + 1} and {j + 1} swapped"; break;
            case 2: log.RemoveAt(i); Renumber(log); what = $"event {i + 1} dropped"; break;
            case 3: log.Insert(j, e); Renumber(log); what = $"event {i + 1} repeated at {j + 1}"; break;
            case 4: log[i] = e with { Sequence = e.Sequence + 1 + other % 2 }; what = $"event {i + 1} renumbered"; break;
            case 5: log[i] = e with { Replaces = log[j].Receipt }; what = $"event {i + 1} replaces the receipt of event {j + 1}"; break;
            case 6: log[i] = e with { Replaces = "r" + (1000 + other) }; what = $"event {i + 1} replaces a receipt never issued"; break;
            case 7: log[i] = e with { Grades = new Dictionary<string, int>(e.Grades) { [e.Grades.Keys.First()] = 4 + other % 130 } }; what = $"event {i + 1} out of scale"; break;
            case 8: log[i] = e with { Envelope = "nowhere" }; what = $"event {i + 1} in an unknown envelope"; break;
            case 9: log[i] = e with { Grades = new Dictionary<string, int>(e.Grades) { ["x-01"] = 1 } }; what = $"event {i + 1} grades an unknown project"; break;
            case 10: log[i] = e with { Receipt = log[j].Receipt }; what = $"event {i + 1} takes the receipt of event {j + 1}"; break;
            default: log[i] = e with { Grades = new Dictionary<string, int>() }; what = $"event {i + 1} grades nothing"; break;
        }
        return new Log(events, log, what, stale && damage != 0 && log.Count == events.Count);
    }

    private static void Renumber(List<BallotEvent> log)
    {
        for (int k = 0; k < log.Count; k++) log[k] = log[k] with { Sequence = k + 1 };
    }

    /// <summary>The canonical form, written here from the format's description rather than by the engine.</summary>
    private static string Canonical(BallotEvent e) =>
        $"{{\"sequence\":{e.Sequence},\"receipt\":\"{e.Receipt}\",\"replaces\":{(e.Replaces is null ? "null" : $"\"{e.Replaces}\"")}," +
        $"\"envelope\":\"{e.Envelope}\",\"grades\":{{{string.Join(",", e.Grades.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"\"{g.Key}\":{g.Value}"))}}}}}";

    /// <summary>Each event's canonical bytes and chain hash.</summary>
    private static List<(byte[] Event, string Hash)> Chain(IEnumerable<BallotEvent> events)
    {
        var head = SHA256.HashData(DefinitionBytes);
        var chain = new List<(byte[], string)>();
        foreach (var e in events)
        {
            var bytes = Encoding.UTF8.GetBytes(Canonical(e));
            head = SHA256.HashData([.. head, .. bytes]);
            chain.Add((bytes, Convert.ToHexStringLower(head)));
        }
        return chain;
    }

    private static bool ReplayAccepts(List<(byte[] Event, string Hash)> chain, out LogReplay replay)
    {
        replay = new LogReplay(Definition, DefinitionBytes);
        try
        {
            foreach (var (bytes, hash) in chain) replay.Append(bytes, hash);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool VerifierAccepts(List<(byte[] Event, string Hash)> chain)
    {
        using var folder = new TempFolder();
        var log = new StringBuilder();
        foreach (var (bytes, hash) in chain)
            log.Append(Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1)).Append(",\"hash\":\"").Append(hash).Append("\"}\n");
        File.WriteAllBytes(folder[RecordFiles.Definition], DefinitionBytes);
        File.WriteAllText(folder[RecordFiles.Log], log.ToString(), new UTF8Encoding(false));
        var files = new Dictionary<string, string>
        {
            [RecordFiles.Definition] = Convert.ToHexStringLower(SHA256.HashData(DefinitionBytes)),
            [RecordFiles.Log] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder[RecordFiles.Log]))),
        };
        var head = chain.Count > 0 ? chain[^1].Hash : files[RecordFiles.Definition];
        File.WriteAllBytes(folder[RecordFiles.Manifest], new RecordManifest(RecordManifest.CurrentFormat, Definition.Id, files, 0, 0, chain.Count, head).ToJson());
        var report = RecordVerifier.Verify(folder.Path);
        return report[RecordVerifier.ChainCheck].Status == CheckStatus.Pass && report[RecordVerifier.LogCheck].Status == CheckStatus.Pass;
    }

    [Property(MaxTest = 300)]
    public Property Replay_accepts_exactly_the_logs_the_verifier_accepts() => Prop.ForAll(Logs().ToArbitrary(), log =>
    {
        var chain = Chain(log.Events);
        if (log.StaleHashes)
            chain = chain.Zip(Chain(log.Run), (damaged, run) => (damaged.Event, run.Hash)).ToList();
        var replayed = ReplayAccepts(chain, out var replay);
        Assert.Equal(VerifierAccepts(chain), replayed);
        if (replayed)
            Assert.Equal(Naive(log.Events), Profiles(replay.Tally));
    });

    [Fact]
    public void An_undamaged_run_is_accepted_and_counted()
    {
        var events = Build([(0, 3, [0, 1, 2, 3, 2, 1]), (1, 1, [3, 3, 3, 0, 0, 0]), (0, 2, [1, 1, 1, 2, 2, 2])]);
        Assert.True(ReplayAccepts(Chain(events), out var replay));
        Assert.Equal(2, replay.Tally.Voters);
        Assert.Equal(Naive(events), Profiles(replay.Tally));
    }

    [Fact]
    public void Replacing_a_receipt_that_was_already_replaced_is_refused_by_both()
    {
        var events = Build([(0, 1, [1, 1, 1, 1, 1, 1]), (0, 1, [2, 2, 2, 2, 2, 2])]);
        events.Add(new BallotEvent(3, "r9", "r1", "city", new Dictionary<string, int> { ["c-01"] = 0 }));
        var chain = Chain(events);
        Assert.False(ReplayAccepts(chain, out _));
        Assert.False(VerifierAccepts(chain));
    }

    /// <summary>The profiles of the ballots that count, folded naively: the last event set of each unreplaced receipt.</summary>
    private static string Naive(IReadOnlyList<BallotEvent> events)
    {
        var replaced = events.Where(e => e.Replaces is not null).Select(e => e.Replaces!).ToHashSet();
        var counts = new Dictionary<string, long[]>();
        foreach (var envelope in Definition.Envelopes)
            foreach (var project in envelope.Projects) counts[project.Id] = new long[4];
        foreach (var e in events.Where(e => !replaced.Contains(e.Receipt)))
            foreach (var (project, grade) in e.Grades) counts[project][grade]++;
        var voters = events.Where(e => !replaced.Contains(e.Receipt)).Select(e => e.Receipt).Distinct().Count();
        return $"{voters} voters; " + string.Join(" ", counts.Select(c => $"{c.Key}=[{string.Join(",", c.Value)}]"));
    }

    private static string Profiles(ElectionTally tally) =>
        $"{tally.Voters} voters; " + string.Join(" ", tally.Envelopes.SelectMany(e => e.Projects.Select((p, i) => $"{p}=[{string.Join(",", e.Profile(i).ToArray())}]")));
}
