using System.Text.Json;
using Voting.Core.Allocation;
using Voting.Core.Pabulib;

namespace Voting.Core.Tests.Pabulib;

public class PbAllocationTests
{
    private static PbInstance Approval(string extraMeta = "", string rule = "greedy") => PbReader.Parse($"""
        META
        key;value
        budget;100
        vote_type;approval
        rule;{rule}
        {extraMeta}
        PROJECTS
        project_id;cost;name
        9;40;Nine
        10;40;Ten
        2;30;Two
        3;70;Three
        VOTES
        voter_id;vote
        a;9,10,3
        b;9,10,2
        c;3,2
        d;3
        """);

    [Fact]
    public void Approval_scores_count_the_votes_and_ties_go_to_lower_cost_then_id()
    {
        var instance = Approval();
        var scores = PbAllocation.Scores(instance);
        Assert.Equal(3, scores["3"]);
        Assert.Equal(2, scores["9"]);
        Assert.Equal(2, scores["10"]);
        Assert.Equal(2, scores["2"]);
        // 2 (cost 30) before 9 and 10 (cost 40); 9 before 10 as numbers
        Assert.Equal(["3", "2", "9", "10"], PbAllocation.Ranking(instance).Select(c => c.Id));
        var result = PbAllocation.Allocate(instance);
        Assert.Equal(["3", "2"], result.Selected);
        Assert.Equal("skipped: costs 40, only 0 left", result.Decision("9")!.Reason);
    }

    [Fact]
    public void The_rule_can_be_overridden()
    {
        var result = PbAllocation.Allocate(Approval(), AllocationRules.GreedyNoSkip);
        Assert.Equal("greedy-no-skip", result.Rule);
        Assert.Equal(DecisionKind.AfterStop, result.Decision("10")!.Kind);
        Assert.Equal(AllocationRules.EqualSharesAdd1, PbAllocation.Allocate(Approval(), AllocationRules.EqualSharesAdd1).Rule);
    }

    [Fact]
    public void Min_project_score_threshold_applies_to_any_rule()
    {
        var instance = Approval("min_project_score_threshold;2.5");
        Assert.Equal(3, PbAllocation.Threshold(instance));
        foreach (var rule in AllocationRules.Names)
        {
            var result = PbAllocation.Allocate(instance, rule);
            Assert.Equal(["3"], result.Selected);
            Assert.Equal("below threshold: score 2 < 3", result.Decision("2")!.Reason);
        }
    }

    [Fact]
    public void Rule_and_meta_problems_are_named()
    {
        var unknown = Assert.Throws<PbFormatException>(() => PbAllocation.Allocate(Approval(rule: "knapsack")));
        Assert.Equal(5, unknown.Line);
        Assert.StartsWith("line 5, field 'rule': unknown rule 'knapsack'", unknown.Message);
        Assert.Throws<ArgumentException>(() => PbAllocation.Allocate(Approval(), "knapsack"));
        var noRule = PbReader.Parse(PbWriter.ToText(Approval()).Replace("rule;greedy\n", ""));
        Assert.StartsWith("field 'rule': the META section names no rule", Assert.Throws<PbFormatException>(() => PbAllocation.Allocate(noRule)).Message);
        var noBudget = PbReader.Parse(PbWriter.ToText(Approval()).Replace("budget;100\n", ""));
        Assert.Equal("field 'budget': the META section has no budget", Assert.Throws<PbFormatException>(() => PbAllocation.Allocate(noBudget)).Message);
        Assert.Equal("field 'min_project_score_threshold': rule greedy-threshold needs a min_project_score_threshold in META",
            Assert.Throws<PbFormatException>(() => PbAllocation.Allocate(Approval(), AllocationRules.GreedyThreshold)).Message);
        var badThreshold = Approval("min_project_score_threshold;many");
        Assert.Equal("line 6, field 'min_project_score_threshold': 'many' is not a number",
            Assert.Throws<PbFormatException>(() => PbAllocation.Allocate(badThreshold)).Message);
    }

    [Fact]
    public void Cumulative_scores_sum_the_points_and_weight_equal_shares()
    {
        var instance = PbReader.Parse("""
            META
            key;value
            budget;100
            vote_type;cumulative
            rule;greedy
            PROJECTS
            project_id;cost
            x;60
            y;60
            VOTES
            voter_id;vote;points
            1;x,y;1,9
            2;x;10
            3;y;10
            """);
        var scores = PbAllocation.Scores(instance);
        Assert.Equal(11, scores["x"]);
        Assert.Equal(19, scores["y"]);
        Assert.Equal(["y"], PbAllocation.Allocate(instance).Selected);
        var ballots = PbAllocation.Ballots(instance);
        Assert.Equal(9, ballots[0].Weights["y"]);
    }

    [Fact]
    public void Ordinal_scores_are_positional_unless_the_file_has_a_score_column()
    {
        const string text = """
            META
            key;value
            budget;100
            vote_type;ordinal
            rule;greedy
            max_length;3
            PROJECTS
            project_id;cost
            x;50
            y;50
            z;50
            VOTES
            voter_id;vote
            1;x,y,z
            2;y,x
            3;z
            """;
        var positional = PbAllocation.Scores(PbReader.Parse(text));
        Assert.Equal(3 + 2, positional["x"]);
        Assert.Equal(2 + 3, positional["y"]);
        Assert.Equal(1 + 3, positional["z"]);
        var withScores = PbReader.Parse(text
            .Replace("project_id;cost\n", "project_id;cost;score\n")
            .Replace("x;50\n", "x;50;1\n").Replace("y;50\n", "y;50;2\n").Replace("z;50\n", "z;50;30\n"));
        Assert.Equal(["z", "y"], PbAllocation.Allocate(withScores).Selected);
        Assert.Equal(3, PbAllocation.Ballots(withScores)[0].Weights["x"]);
    }

    [Fact]
    public void The_json_has_selected_and_cost()
    {
        var json = AllocationJson.ToJson(PbAllocation.Allocate(Approval()));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["3", "2"], root.GetProperty("selected").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(100, root.GetProperty("cost").GetInt64());
        Assert.Equal("greedy", root.GetProperty("rule").GetString());
        var nine = root.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "9");
        Assert.Equal("not funded", nine.GetProperty("decision").GetString());
        Assert.Equal("doesNotFit", nine.GetProperty("kind").GetString());
        Assert.Equal("skipped: costs 40, only 0 left", nine.GetProperty("reason").GetString());
    }
}
