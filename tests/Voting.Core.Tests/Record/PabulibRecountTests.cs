using System.Text;
using System.Text.Json;
using Voting.Core.Allocation;
using Voting.Core.Counting;
using Voting.Core.Elections;
using Voting.Core.Json;
using Voting.Core.Pabulib;
using Voting.Core.Record;
using Voting.Core.Results;

namespace Voting.Core.Tests.Record;

/// <summary>
/// The record's Pabulib export is what <see cref="PbWriter"/> writes for <see cref="PbScoringExport"/>, and the
/// count can be redone from it alone: profiles from the points, majority-judgment ranking, and the allocation
/// rules of the <c>allocate</c> command with the definition's rule, giving the ranking and the selection of
/// results.json and of the files' <c>selected</c> column.
/// </summary>
public class PabulibRecountTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    [Fact]
    public void Each_pb_file_is_byte_for_byte_what_PbWriter_writes_for_PbScoringExport()
    {
        using var record = ElectionRecordReader.Open(sample.Folder);
        var rows = record.ReadBallots(sample.Definition).ToArray();
        foreach (var envelope in sample.Definition.Envelopes)
        {
            var allocation = sample.Results.Envelopes.Single(r => r.Id == envelope.Id).Allocation!;
            var instance = PbScoringExport.Create(
                PabulibExport.Description(sample.Definition, envelope, allocation),
                envelope.Budget ?? 0,
                sample.Definition.Grades.Count,
                envelope.Projects.Select(p => new PbGradedProject(p.Id, p.Cost ?? 0, PabulibExport.ProjectName(p), allocation.Selected.Contains(p.Id))).ToArray(),
                rows.Where(r => r.Envelope == envelope.Id).Select(r => new PbGradedBallot(r.Receipt, r.Grades)),
                PabulibExport.Rule(allocation),
                PabulibExport.ExtraMeta(sample.Definition, envelope, allocation));
            var expected = PbWriter.ToText(instance);
            var actual = File.ReadAllText(Path.Combine(sample.Folder, RecordFiles.Pabulib(envelope.Id)), Encoding.UTF8);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Recount_from_the_pb_files_gives_the_ranking_and_selection_of_results_json() =>
        AssertPbRecountMatches(sample.Folder, sample.Definition);

    [Theory]
    [InlineData(AllocationRules.EqualShares)]
    [InlineData(AllocationRules.EqualSharesAdd1)]
    [InlineData(AllocationRules.GreedyThreshold)]
    [InlineData(AllocationRules.GreedyNoSkip)]
    public async Task Every_rule_recounts_the_same_from_ballots_csv_and_from_the_pb_files(string rule)
    {
        using var folder = new TempFolder();
        var definition = RecordGenerator.Definition("rule-" + rule.Replace('/', '-'), envelopes: 2, projects: 8, grades: 5, rule: rule);
        var election = new SyntheticElection(600, Seed: 11, RevoteShare: 0.2);
        var events = RecordGenerator.Events(definition, election).ToArray();
        var engine = SampleRecord.EngineResults(definition, events);
        Assert.All(engine.Envelopes, e => Assert.Equal(rule, e.Allocation!.Rule));
        await ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, RecordGenerator.Log(definition, election), engine);

        Assert.Equal(SampleRecord.Json(engine), Recount.FromRecord(folder.Path).Json);
        Assert.True(RecordVerifier.Verify(folder.Path).Passed);
        AssertPbRecountMatches(folder.Path, definition);
    }

    private static void AssertPbRecountMatches(string folder, ElectionDefinition definition)
    {
        var results = JsonSerializer.Deserialize<ElectionResults>(File.ReadAllBytes(Path.Combine(folder, RecordFiles.Results)), VotingJson.Options)!;
        foreach (var published in results.Envelopes)
        {
            var instance = PbReader.ReadFile(Path.Combine(folder, RecordFiles.Pabulib(published.Id)));
            Assert.Equal(PbVoteType.Scoring, instance.VoteType);
            int grades = int.Parse(instance.MetaValue("max_points")!, System.Globalization.CultureInfo.InvariantCulture) + 1;

            // merit profiles from the points: a vote's points are the grades it gives
            var profiles = instance.Projects.ToDictionary(p => p.Id, _ => new long[grades], StringComparer.Ordinal);
            foreach (var vote in instance.Votes)
                for (int i = 0; i < vote.Projects.Count; i++)
                    profiles[vote.Projects[i]][vote.Points![i]]++;
            var ranking = MajorityRanking.Rank(
                instance.Projects.Select(p => new ProjectTally(p.Id, profiles[p.Id])).ToArray(),
                definition.BalancingPolicy, instance.Votes.Count, definition.ParticipationThreshold);

            Assert.Equal(published.Judges, instance.Votes.Count);
            Assert.Equal(published.Ranking.Select(p => (p.Project, p.Rank, p.MajorityGrade)), ranking.Projects.Select(p => (p.Id, p.Rank, p.MajorityGrade)));
            Assert.Equal(published.Ranking.Select(p => p.Profile), ranking.Projects.Select(p => p.Profile));

            // the allocate command's rules, on that ranking, with the file's budget and the envelope's rule
            var rule = definition.Envelopes.Single(e => e.Id == published.Id).Rule ?? AllocationRules.Greedy;
            var candidates = ranking.Projects.Select(p => new AllocationCandidate(p.Id, (long)instance.FindProject(p.Id)!.Cost, p.MajorityGrade, p.MeetsThreshold)).ToArray();
            var approvals = AllocationRules.NeedsBallots(rule)
                ? instance.Votes.Select(v => GradedBallots.ToApproval(v.VoterId, v.Projects.Select((id, i) => (id, (int)v.Points![i])).ToDictionary(x => x.id, x => x.Item2), grades)).ToArray()
                : null;
            var allocation = Allocator.Allocate(rule, candidates, (long)instance.Budget!.Value, approvals, rule == AllocationRules.GreedyThreshold ? (grades + 1) / 2 : null);
            Assert.Equal(published.Allocation!.Selected, allocation.Selected);
            Assert.Equal(published.Allocation.Cost, allocation.Cost);
            Assert.Equal(allocation.Selected.Order(), instance.Projects.Where(p => p.Selected == true).Select(p => p.Id).Order());
        }
    }
}
