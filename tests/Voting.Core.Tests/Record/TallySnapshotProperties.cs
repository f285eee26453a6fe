using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;

namespace Voting.Core.Tests.Record;

/// <summary>
/// Counting from ballot boxes' snapshots, added up, gives what counting every final ballot in one batch gives:
/// voters are split over boxes by a number of theirs, each box replays its own log, and the equal-shares
/// envelope is funded from the boxes' support counts instead of the ballots.
/// </summary>
public class TallySnapshotProperties
{
    private static readonly ElectionDefinition Definition = RecordGenerator.Definition("boxes", envelopes: 2, projects: 4, grades: 4, rule: "equalshares/add1");
    private static readonly byte[] DefinitionBytes = VotingJson.DefinitionBytes(Definition);

    public sealed record Cast(int Voter, int[] Grades)
    {
        public override string ToString() => $"voter {Voter}: [{string.Join(",", Grades)}]";
    }

    private static Gen<Cast> Casts() =>
        from voter in Gen.Choose(0, 9)
        from grades in Gen.ArrayOf(Gen.Choose(-1, 3), 8)
        select new Cast(voter, grades);

    /// <summary>A voter's ballot as a grade per project; every ballot grades the city's first project.</summary>
    private static Dictionary<string, int> Ballot(Cast cast)
    {
        var projects = Definition.Envelopes.SelectMany(e => e.Projects).Select(p => p.Id).ToArray();
        var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < projects.Length; i++)
            if (cast.Grades[i] >= 0 || i == 0) ballot[projects[i]] = Math.Max(0, cast.Grades[i]);
        return ballot;
    }

    private static IEnumerable<(string Envelope, Dictionary<string, int> Grades)> ByEnvelope(Dictionary<string, int> ballot) =>
        Definition.Envelopes
            .Select(e => (e.Id, Grades: ballot.Where(g => e.Projects.Any(p => p.Id == g.Key)).ToDictionary(g => g.Key, g => g.Value)))
            .Where(x => x.Grades.Count > 0);

    /// <summary>The box's log: each ballot one event per envelope it grades, replacing the voter's previous ballot.</summary>
    private static LogReplay Replay(IEnumerable<Cast> casts, int box)
    {
        var replay = new LogReplay(Definition, DefinitionBytes);
        var last = new Dictionary<int, string>();
        long sequence = 0;
        int n = 0;
        var hash = BallotChain.Genesis(DefinitionBytes);
        foreach (var cast in casts)
        {
            var receipt = $"b{box}-{++n}";
            last.TryGetValue(cast.Voter, out var replaces);
            foreach (var (envelope, grades) in ByEnvelope(Ballot(cast)))
            {
                var canonical = BallotChain.CanonicalBytes(new BallotEvent(++sequence, receipt, replaces, envelope, grades));
                hash = BallotChain.Next(hash, canonical);
                replay.Append(canonical, hash);
            }
            last[cast.Voter] = receipt;
        }
        return replay;
    }

    [Property(MaxTest = 200)]
    public Property Boxes_added_up_count_as_the_final_ballots_in_one_batch() => Prop.ForAll(
        Gen.ListOf(Casts()).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (casts, boxes) =>
    {
        var replays = Enumerable.Range(0, boxes).Select(b => Replay(casts.Where(c => c.Voter % boxes == b), b)).ToArray();
        var sum = TallySnapshot.Sum(replays.Select(r => r.Snapshot()).ToArray());
        var counted = sum.Count(Definition);
        Assert.Equal(casts.Count, sum.Casts);

        var final = casts.GroupBy(c => c.Voter).Select(g => Ballot(g.Last())).ToArray();
        var tally = new ElectionTally(Definition) { Voters = final.Length };
        var parts = final.SelectMany(ByEnvelope).ToArray();
        foreach (var (envelope, grades) in parts) tally[envelope].Add(grades);
        var batch = ElectionCount.Count(tally, replays.Sum(r => r.Position),
            e => parts.Where(p => p.Envelope == e).Select(p => (IReadOnlyDictionary<string, int>)p.Grades));

        Assert.Equal(Json(batch), Json(counted));
    });

    private static string Json(ElectionResults results) => System.Text.Json.JsonSerializer.Serialize(results, VotingJson.Indented);
}
