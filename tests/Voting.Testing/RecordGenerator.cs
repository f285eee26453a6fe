using System.Security.Cryptography;
using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Record;
using Voting.Core.Results;

namespace Voting.Testing;

/// <summary>The shape of a synthetic election: its size and how its voters behave.</summary>
/// <param name="Voters">Voters who cast a ballot (each is counted once, with its last revision).</param>
/// <param name="RevoteShare">The share of voters who cast a second ballot later, replacing the first.</param>
/// <param name="GradeProbability">The chance that a ballot grades a given project of an envelope it covers.</param>
/// <param name="CoverProbability">The chance that a ballot covers a given envelope (at least one is covered).</param>
/// <param name="Boxes">The ballot boxes the voters are split over (voter v votes in box v mod Boxes, always the same).</param>
public sealed record SyntheticElection(
    int Voters,
    int Seed = 1,
    double RevoteShare = 0.1,
    double GradeProbability = 0.9,
    double CoverProbability = 0.8,
    int Boxes = 1);

/// <summary>
/// Synthetic election records for tests, benchmarks and demonstrations: a seeded simulation of voters casting and
/// revising graded ballots, turned into the ballot log the engine would keep (receipts, replaced receipts, chain
/// hashes) and the results it would publish, then written with <see cref="ElectionRecordWriter"/>.
/// With several ballot boxes, receipts start with their box's prefix (<see cref="BoxReceipts"/>) and each box has
/// its own log; the same seed gives the same ballots (receipts aside) whatever the number of boxes.
/// The same seed always gives the same record.
/// </summary>
public static class RecordGenerator
{
    /// <summary>A budget election with <paramref name="envelopes"/> envelopes of <paramref name="projects"/> projects each.</summary>
    public static ElectionDefinition Definition(
        string id = "synthetic", int envelopes = 2, int projects = 10, int grades = 5, string balancing = "static:0", string? rule = "greedy")
    {
        var scale = grades == 5 ? GradeScale.Paris.Labels : GradeScale.Numbered(grades).Labels;
        var list = new List<EnvelopeDefinition>();
        for (int e = 0; e < envelopes; e++)
        {
            var envelopeId = e == 0 ? "city" : $"district-{e}";
            var projectList = Enumerable.Range(1, projects)
                .Select(p => new ProjectDefinition($"{(e == 0 ? "c" : $"d{e}")}-{p:D2}", LocalizedText.Plain($"Project {p} of {envelopeId}"), 10_000L * (1 + (p * 7 + e) % 9)))
                .ToArray();
            list.Add(new EnvelopeDefinition(envelopeId, projectList, Budget: 10_000L * projects * 2, Rule: rule, Title: LocalizedText.Plain(envelopeId)));
        }
        return new ElectionDefinition(id, LocalizedText.Plain($"Synthetic election {id}"), ElectionKind.Budget, scale, list, balancing);
    }

    /// <summary>
    /// The log entries of the simulation, in order, lazily (canonical bytes and chain hash of each event): the events of
    /// every box as one log.
    /// </summary>
    public static IEnumerable<LogEntry> Log(ElectionDefinition definition, SyntheticElection election) =>
        Chain(definition, Events(definition, election));

    /// <summary>The log of each ballot box, in box order, each lazily: its events numbered 1, 2, 3... and chained from the definition.</summary>
    public static IReadOnlyList<IEnumerable<LogEntry>> BoxLogs(ElectionDefinition definition, SyntheticElection election) =>
        Enumerable.Range(0, election.Boxes).Select(box => Chain(definition, BoxEvents(definition, election, box))).ToArray();

    /// <summary>The events of one ballot box, in its log's order and numbering.</summary>
    public static IEnumerable<BallotEvent> BoxEvents(ElectionDefinition definition, SyntheticElection election, int box)
    {
        long sequence = 0;
        foreach (var (ballot, _, inBox) in Simulate(definition, election))
            if (inBox == box) yield return ballot with { Sequence = ++sequence };
    }

    private static IEnumerable<LogEntry> Chain(ElectionDefinition definition, IEnumerable<BallotEvent> events)
    {
        var head = SHA256.HashData(Voting.Core.Json.VotingJson.DefinitionBytes(definition));
        var buffer = new byte[4096];
        foreach (var ballot in events)
        {
            var canonical = BallotChain.CanonicalBytes(ballot);
            if (buffer.Length < 32 + canonical.Length) buffer = new byte[32 + canonical.Length * 2];
            head.CopyTo(buffer, 0);
            canonical.CopyTo(buffer, 32);
            head = SHA256.HashData(buffer.AsSpan(0, 32 + canonical.Length));
            yield return new LogEntry(canonical, Convert.ToHexStringLower(head));
        }
    }

    /// <summary>The ballot events of the simulation, in log order.</summary>
    public static IEnumerable<BallotEvent> Events(ElectionDefinition definition, SyntheticElection election) =>
        Simulate(definition, election).Select(x => x.Event);

    /// <summary>The results the engine would publish at the close: the counted (last) ballots folded into tallies.</summary>
    public static ElectionResults Results(ElectionDefinition definition, SyntheticElection election)
    {
        var tally = new ElectionTally(definition);
        var tallies = definition.Envelopes.Select(e => tally[e.Id]).ToArray();
        var envelopeIds = definition.Envelopes.Select(e => e.Id).ToList();
        var projectIds = definition.Envelopes.Select(e => e.Projects.Select(p => p.Id).ToList()).ToArray();
        var grades = new sbyte[projectIds.Select(p => p.Count).Append(1).Max()];
        long events = 0, voters = 0;
        string? lastReceipt = null;
        foreach (var (ballot, counted, _) in Simulate(definition, election))
        {
            events++;
            if (!counted) continue;
            if (ballot.Receipt != lastReceipt) voters++;
            lastReceipt = ballot.Receipt;
            int e = envelopeIds.IndexOf(ballot.Envelope);
            var span = grades.AsSpan(0, projectIds[e].Count);
            span.Fill(-1);
            foreach (var (project, grade) in ballot.Grades)
                span[projectIds[e].IndexOf(project)] = (sbyte)grade;
            tallies[e].Add(span);
        }
        tally.Voters = voters;
        return ElectionCount.Count(tally, events, envelope => CountedBallots(definition, election, envelope));
    }

    /// <summary>Writes the record of the simulation to a folder, one log per ballot box.</summary>
    public static Task<RecordManifest> WriteFolderAsync(string folder, ElectionDefinition definition, SyntheticElection election, CancellationToken cancellationToken = default) =>
        ElectionRecordWriter.WriteFolderAsync(folder, definition, BoxLogs(definition, election), Results(definition, election), cancellationToken);

    /// <summary>
    /// Puts <paramref name="trail"/> (the text of a trail.jsonl, written by hand, not by the record writer) in the record
    /// folder and lists its SHA-256 in the manifest, as a record writer of its own would.
    /// </summary>
    public static void AddTrail(string folder, string trail)
    {
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(trail);
        File.WriteAllBytes(Path.Combine(folder, RecordFiles.Trail), bytes);
        var path = Path.Combine(folder, RecordFiles.Manifest);
        var manifest = RecordManifest.Parse(File.ReadAllBytes(path));
        var files = new Dictionary<string, string>(manifest.Files) { [RecordFiles.Trail] = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        File.WriteAllBytes(path, (manifest with { Files = files }).ToJson());
    }

    private static IEnumerable<IReadOnlyDictionary<string, int>> CountedBallots(ElectionDefinition definition, SyntheticElection election, string envelope) =>
        Simulate(definition, election).Where(x => x.Counted && x.Event.Envelope == envelope).Select(x => x.Event.Grades);

    /// <summary>
    /// Every event in log order, whether it counts at the close, and its ballot box. Voters vote in turn; a voter who
    /// revotes does so a little later (after some other voters), in the same box, replacing the whole previous ballot.
    /// </summary>
    private static IEnumerable<(BallotEvent Event, bool Counted, int Box)> Simulate(ElectionDefinition definition, SyntheticElection election)
    {
        var random = new Random(election.Seed);
        var envelopes = definition.Envelopes;
        int grades = definition.Grades.Count;
        // a taste per project, so that rankings are not all ties
        var taste = envelopes.Select(e => e.Projects.Select(_ => random.NextDouble()).ToArray()).ToArray();
        bool[] revotes = new bool[election.Voters];
        for (int v = 0; v < election.Voters; v++) revotes[v] = random.NextDouble() < election.RevoteShare;
        var pending = new Queue<(int Voter, string Receipt, int Due)>();
        long sequence = 0;
        var receiptBytes = new byte[16];

        int BoxOf(int voter) => voter % election.Boxes;

        string NewReceipt(int voter)
        {
            random.NextBytes(receiptBytes);
            return BoxReceipts.Prefix(BoxOf(voter), election.Boxes) + Convert.ToBase64String(receiptBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        IEnumerable<(BallotEvent, bool, int)> Ballot(int voter, string receipt, string? replaces, bool counted)
        {
            var covered = new List<int>();
            for (int e = 0; e < envelopes.Count; e++)
                if (random.NextDouble() < election.CoverProbability) covered.Add(e);
            if (covered.Count == 0) covered.Add(random.Next(envelopes.Count));
            var events = new List<(BallotEvent, bool, int)>();
            foreach (int e in covered)
            {
                var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
                var projects = envelopes[e].Projects;
                for (int p = 0; p < projects.Count; p++)
                {
                    if (random.NextDouble() >= election.GradeProbability) continue;
                    double x = Math.Clamp(taste[e][p] + (random.NextDouble() - 0.5) * 0.9, 0, 0.999999);
                    ballot[projects[p].Id] = (int)(x * grades);
                }
                if (ballot.Count == 0) ballot[projects[random.Next(projects.Count)].Id] = random.Next(grades);
                events.Add((new BallotEvent(++sequence, receipt, replaces, envelopes[e].Id, ballot), counted, BoxOf(voter)));
            }
            return events;
        }

        for (int v = 0; v < election.Voters; v++)
        {
            var receipt = NewReceipt(v);
            foreach (var item in Ballot(v, receipt, null, !revotes[v])) yield return item;
            if (revotes[v]) pending.Enqueue((v, receipt, v + 1 + random.Next(50)));
            while (pending.Count > 0 && pending.Peek().Due <= v)
            {
                var (voter, previous, _) = pending.Dequeue();
                foreach (var item in Ballot(voter, NewReceipt(voter), previous, true)) yield return item;
            }
        }
        while (pending.Count > 0)
        {
            var (voter, previous, _) = pending.Dequeue();
            foreach (var item in Ballot(voter, NewReceipt(voter), previous, true)) yield return item;
        }
    }
}
