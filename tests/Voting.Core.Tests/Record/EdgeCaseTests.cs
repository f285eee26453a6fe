using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

public class EdgeCaseTests
{
    private static async Task<string> Write(TempFolder folder, ElectionDefinition definition, SyntheticElection election)
    {
        var events = RecordGenerator.Events(definition, election).ToArray();
        var results = SampleRecord.EngineResults(definition, events);
        await ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, RecordGenerator.Log(definition, election), results);
        Assert.Equal(SampleRecord.Json(results), Recount.FromRecord(folder.Path).Json);
        return folder.Path;
    }

    [Fact]
    public async Task An_election_without_any_ballot_verifies()
    {
        using var folder = new TempFolder();
        await Write(folder, RecordGenerator.Definition("empty"), new SyntheticElection(0));
        var report = RecordVerifier.Verify(folder.Path);
        Assert.True(report.Passed, report.ToString());
        var manifest = ElectionRecordReader.Open(folder.Path).ReadManifest();
        Assert.Equal((0, 0, 0), (manifest.Ballots, manifest.Rows, manifest.Events));
        Assert.Equal(BallotChain.Genesis(Json.VotingJson.DefinitionBytes(RecordGenerator.Definition("empty"))), manifest.Head);
    }

    [Fact]
    public async Task A_question_with_two_grades_a_threshold_and_median_balancing_verifies()
    {
        var definition = new ElectionDefinition(
            "question-1", LocalizedText.Plain("Should the square be pedestrian?"), ElectionKind.Question,
            GradeScale.Numbered(2).Labels,
            [new EnvelopeDefinition("q", [new ProjectDefinition("yes", LocalizedText.Plain("Yes; now")), new ProjectDefinition("later", LocalizedText.Plain("Later \"maybe\""))])],
            Balancing: "median", ParticipationThreshold: 0.5m);
        using var folder = new TempFolder();
        await Write(folder, definition, new SyntheticElection(400, Seed: 3, RevoteShare: 0.3, GradeProbability: 0.6));
        var report = RecordVerifier.Verify(folder.Path);
        Assert.True(report.Passed, report.ToString());
        // names with ';' and '"' are quoted in the Pabulib file, as PbWriter does
        Assert.Contains("yes;0;", File.ReadAllText(folder["q.pb"]));
        Assert.Contains("\"Yes; now\"", File.ReadAllText(folder["q.pb"]));
        Assert.Contains("\"Later \"\"maybe\"\"\"", File.ReadAllText(folder["q.pb"]));
    }

    [Fact]
    public async Task The_writer_refuses_a_log_that_does_not_chain_or_results_that_disagree()
    {
        var definition = RecordGenerator.Definition("refuse");
        var election = new SyntheticElection(50, Seed: 9);
        var log = RecordGenerator.Log(definition, election).ToArray();
        var results = RecordGenerator.Results(definition, election);
        using var folder = new TempFolder();

        var broken = log.ToArray();
        broken[10] = broken[10] with { Hash = broken[11].Hash };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, broken, results));
        Assert.StartsWith("log entry 11: hash", e.Message);

        await Assert.ThrowsAsync<ArgumentException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, log, results with { Version = 1 }));
        await Assert.ThrowsAsync<ArgumentException>(() => ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, log, results with { Ballots = 49 }));
    }

    [Fact]
    public async Task A_receipt_that_would_need_escaping_is_refused()
    {
        var definition = RecordGenerator.Definition("receipts", envelopes: 1, projects: 2);
        var ballot = new BallotEvent(1, "a+b", null, "city", new Dictionary<string, int> { ["c-01"] = 1 });
        var hash = BallotChain.Next(BallotChain.Genesis(Json.VotingJson.DefinitionBytes(definition)), ballot);
        using var folder = new TempFolder();
        var results = Results.ElectionCount.Count(new Results.ElectionTally(definition), 1);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, [LogEntry.Of(ballot, hash)], results));
        Assert.Contains("receipt", e.Message);
    }

    [Fact]
    public void Canonical_bytes_of_receipts_and_ids_need_no_escaping()
    {
        var ballot = new BallotEvent(12, "AZaz09-_.~", "x~y", "env.1", new Dictionary<string, int> { ["p_2"] = 0, ["P-1"] = 4, ["p.3"] = 2 });
        var canonical = System.Text.Encoding.UTF8.GetString(BallotChain.CanonicalBytes(ballot));
        Assert.Equal("{\"sequence\":12,\"receipt\":\"AZaz09-_.~\",\"replaces\":\"x~y\",\"envelope\":\"env.1\",\"grades\":{\"P-1\":4,\"p.3\":2,\"p_2\":0}}", canonical);
    }
}
