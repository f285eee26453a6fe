using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Record;
using Voting.Core.Results;

namespace Voting.Core.Tests.Record;

/// <summary>
/// A real record, built once per test class: a seeded run of the core (2 envelopes, 3,000 voters, 15% revotes),
/// its tallies folded incrementally as the engine does (adding each ballot, removing the one it replaces), then
/// written by <see cref="ElectionRecordWriter"/>. Tests copy it before changing anything.
/// </summary>
public sealed class SampleRecord : IDisposable
{
    public static readonly SyntheticElection Election = new(3000, Seed: 2024, RevoteShare: 0.15);

    private readonly TempFolder _folder = new();

    public SampleRecord()
    {
        Definition = RecordGenerator.Definition("sample-2025", envelopes: 2, projects: 12, grades: 5);
        Events = RecordGenerator.Events(Definition, Election).ToArray();
        Results = EngineResults(Definition, Events);
        Log = RecordGenerator.Log(Definition, Election).ToArray();
        Manifest = ElectionRecordWriter.WriteFolderAsync(Folder, Definition, Log, Results).GetAwaiter().GetResult();
    }

    public ElectionDefinition Definition { get; }

    public BallotEvent[] Events { get; }

    public LogEntry[] Log { get; }

    public ElectionResults Results { get; }

    public RecordManifest Manifest { get; }

    public string Folder => _folder.Path;

    /// <summary>A copy of the record in a new folder, to change.</summary>
    public TempFolder Copy()
    {
        var copy = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(Folder))
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        return copy;
    }

    /// <summary>The tallies as the engine keeps them: each event added, a replaced ballot removed, then counted.</summary>
    public static ElectionResults EngineResults(ElectionDefinition definition, IReadOnlyList<BallotEvent> events)
    {
        var tally = new ElectionTally(definition);
        var byReceipt = new Dictionary<string, List<BallotEvent>>(StringComparer.Ordinal);
        foreach (var ballot in events)
        {
            if (!byReceipt.TryGetValue(ballot.Receipt, out var same))
            {
                byReceipt[ballot.Receipt] = same = [];
                tally.Voters++;
                if (ballot.Replaces is not null)
                {
                    foreach (var old in byReceipt[ballot.Replaces]) tally[old.Envelope].Remove(old.Grades);
                    byReceipt.Remove(ballot.Replaces);
                    tally.Voters--;
                }
            }
            same.Add(ballot);
            tally[ballot.Envelope].Add(ballot.Grades);
        }
        var counted = byReceipt.Values.SelectMany(b => b).ToArray();
        return ElectionCount.Count(tally, events.Count, envelope => counted.Where(b => b.Envelope == envelope).Select(b => b.Grades));
    }

    public static byte[] Json(ElectionResults results) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(results, VotingJson.Indented);

    public void Dispose() => _folder.Dispose();
}
