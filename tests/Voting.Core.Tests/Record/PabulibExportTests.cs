using Voting.Core.Allocation;
using Voting.Core.Pabulib;
using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>What the record's <c>.pb</c> files say beyond the ballots: the META Pabulib requires, the rule, the order of a vote.</summary>
public class PabulibExportTests(SampleRecord sample) : IClassFixture<SampleRecord>
{
    private static readonly string[] Required = ["description", "country", "unit", "instance", "num_projects", "num_votes", "budget", "vote_type", "rule", "date_begin", "date_end"];

    private PbInstance Read(string envelope) => PbReader.ReadFile(Path.Combine(sample.Folder, RecordFiles.Pabulib(envelope)));

    [Fact]
    public void The_meta_has_the_keys_pabulib_requires_only_keys_it_knows_in_its_order()
    {
        foreach (var envelope in sample.Definition.Envelopes)
        {
            var keys = Read(envelope.Id).Meta.Keys.ToArray();
            Assert.Empty(Required.Except(keys));
            Assert.Empty(keys.Except(PbMetaKeys.Order));
            var positions = keys.Select(k => PbMetaKeys.Order.ToList().IndexOf(k)).ToArray();
            Assert.Equal(positions.Order(), positions);
            Assert.Equal(sample.Definition.Id, Read(envelope.Id).MetaValue("instance"));
        }
    }

    [Fact]
    public void A_vote_lists_its_projects_by_points_best_first_then_in_definition_order()
    {
        var envelope = sample.Definition.Envelopes[0];
        var order = envelope.Projects.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var votes = Read(envelope.Id).Votes;
        Assert.Contains(votes, v => v.Points!.Distinct().Count() > 1);
        foreach (var vote in votes)
            for (int i = 1; i < vote.Projects.Count; i++)
                Assert.True(vote.Points![i - 1] > vote.Points[i] || (vote.Points[i - 1] == vote.Points[i] && order[vote.Projects[i - 1]] < order[vote.Projects[i]]),
                    $"{vote.VoterId}: {string.Join(',', vote.Projects)} / {string.Join(',', vote.Points)}");
    }

    [Theory]
    [InlineData(AllocationRules.Greedy)]
    [InlineData(AllocationRules.GreedyNoSkip)]
    [InlineData(AllocationRules.GreedyThreshold)]
    public async Task A_greedy_rule_is_written_greedy_custom_and_the_description_names_it_and_majority_judgment(string rule)
    {
        var instance = await ExportAsync(rule);
        Assert.Equal("greedy-custom", instance.Rule);
        Assert.Contains("majority judgment, not by summed points", instance.Description);
        Assert.Contains($"by {rule}", instance.Description);
        Assert.Contains($"greedy-custom is {rule} over the majority-judgment ranking", instance.MetaValue("comment"));
    }

    [Theory]
    [InlineData(AllocationRules.EqualShares)]
    [InlineData(AllocationRules.EqualSharesAdd1)]
    [InlineData(AllocationRules.EqualSharesAdd1Comparison)]
    public async Task An_equal_shares_rule_keeps_its_name_and_the_description_says_it_counts_approvals(string rule)
    {
        var instance = await ExportAsync(rule);
        Assert.Equal(rule, instance.Rule);
        Assert.Contains($"Funded by {rule} on approvals, not on points: a voter approves the projects they grade 3 or more.", instance.Description);
    }

    private static async Task<PbInstance> ExportAsync(string rule)
    {
        using var folder = new TempFolder();
        var definition = RecordGenerator.Definition("rules", envelopes: 1, projects: 6, grades: 5, rule: rule);
        var election = new SyntheticElection(60, Seed: 3);
        var results = SampleRecord.EngineResults(definition, RecordGenerator.Events(definition, election).ToArray());
        await ElectionRecordWriter.WriteFolderAsync(folder.Path, definition, RecordGenerator.Log(definition, election), results);
        return PbReader.ReadFile(Path.Combine(folder.Path, RecordFiles.Pabulib("city")));
    }
}
