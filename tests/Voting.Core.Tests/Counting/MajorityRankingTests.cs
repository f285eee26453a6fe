using Voting.Core.Counting;
using Voting.Core.Grades;

namespace Voting.Core.Tests.Counting;

public class MajorityRankingTests
{
    private static readonly BalancingPolicy Static0 = BalancingPolicy.Default;

    private static Ranking Rank(BalancingPolicy policy, long judges, params (string Id, long[] Counts)[] projects) =>
        MajorityRanking.Rank(projects.Select(p => new ProjectTally(p.Id, p.Counts)).ToArray(), policy, judges);

    [Fact]
    public void No_project_gives_an_empty_ranking()
    {
        var ranking = Rank(Static0, 0);
        Assert.Empty(ranking.Projects);
        Assert.Empty(ranking.Reasons);
    }

    [Fact]
    public void No_ballot_ties_every_project_at_rank_one()
    {
        var ranking = Rank(Static0, 0, ("a", [0, 0, 0]), ("b", [0, 0, 0]));
        Assert.All(ranking.Projects, p => Assert.Equal(1, p.Rank));
        Assert.Equal(ReasonKind.Tie, ranking.Reasons.Single().Kind);
    }

    [Fact]
    public void One_project_is_first()
    {
        var only = Rank(Static0, 3, ("a", [1, 2, 0])).Projects.Single();
        Assert.Equal((1, 1), (only.Rank, only.MajorityGrade));
    }

    [Fact]
    public void One_ballot_orders_by_its_grades()
    {
        var ranking = Rank(Static0, 1, ("low", [1, 0, 0]), ("high", [0, 0, 1]), ("mid", [0, 1, 0]));
        Assert.Equal(["high", "mid", "low"], ranking.Projects.Select(p => p.Id));
        Assert.Equal([1, 2, 3], ranking.Projects.Select(p => p.Rank));
    }

    [Fact]
    public void Two_grades_work()
    {
        var ranking = Rank(Static0, 5, ("a", [2, 3]), ("b", [3, 2]));
        Assert.Equal(["a", "b"], ranking.Projects.Select(p => p.Id));
        Assert.Equal([1, 0], ranking.Projects.Select(p => p.MajorityGrade));
    }

    [Fact]
    public void All_equal_profiles_all_rank_first()
    {
        var ranking = Rank(Static0, 6, ("c", [1, 2, 3]), ("a", [1, 2, 3]), ("b", [1, 2, 3]));
        Assert.All(ranking.Projects, p => Assert.Equal(1, p.Rank));
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_skips()
    {
        var ranking = Rank(Static0, 4, ("a", [0, 1, 3]), ("b", [0, 1, 3]), ("c", [2, 2, 0]));
        Assert.Equal([1, 1, 3], ranking.Projects.Select(p => p.Rank));
    }

    [Fact]
    public void Static_balancing_counts_missing_judgments_at_its_grade()
    {
        var ranking = Rank(new BalancingPolicy(BalancingKind.Static, 1), 10, ("a", [0, 0, 4]));
        Assert.Equal([0, 6, 4], ranking.Projects.Single().Profile);
        Assert.Equal(4, ranking.Projects.Single().Expressed);
    }

    [Fact]
    public void Median_balancing_counts_missing_judgments_at_the_projects_own_median()
    {
        var policy = new BalancingPolicy(BalancingKind.Median);
        var ranking = Rank(policy, 10, ("a", [1, 2, 1]), ("none", [0, 0, 0]));
        Assert.Equal([1, 8, 1], ranking.Projects.Single(p => p.Id == "a").Profile);
        Assert.Equal([10, 0, 0], ranking.Projects.Single(p => p.Id == "none").Profile);
    }

    [Fact]
    public void Normalize_compares_shares_and_puts_unjudged_projects_last()
    {
        var policy = new BalancingPolicy(BalancingKind.Normalize);
        var ranking = Rank(policy, 100, ("none", [0, 0]), ("small", [1, 3]), ("big", [30, 60]));
        Assert.Equal(["small", "big", "none"], ranking.Projects.Select(p => p.Id));
        Assert.Equal([1, 3], ranking.Projects[0].Profile);
    }

    [Fact]
    public void More_judgments_than_judges_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Rank(Static0, 2, ("a", [1, 2])));
        Assert.Contains("more judgments than there are judges", error.Message);
    }

    [Fact]
    public void Participation_threshold_puts_rarely_graded_projects_after_the_others()
    {
        var projects = new[] { new ProjectTally("rare", [0, 0, 2]), new ProjectTally("common", [3, 4, 3]) };
        var ranking = MajorityRanking.Rank(projects, new BalancingPolicy(BalancingKind.Normalize), judges: 10, participationThreshold: 0.5m);
        Assert.Equal(["common", "rare"], ranking.Projects.Select(p => p.Id));
        Assert.False(ranking.Projects[1].MeetsThreshold);
        Assert.Equal(ReasonKind.Participation, ranking.Reasons.Single().Kind);
    }

    [Fact]
    public void Reasons_name_what_decided_each_pair()
    {
        var ranking = Rank(Static0, 24,
            ("top", [0, 0, 12, 12]), ("lower-median", [7, 4, 1, 12]), ("grade-one", [10, 10, 2, 2]), ("gauge", [11, 11, 1, 1]));
        Assert.Equal(["top", "lower-median", "grade-one", "gauge"], ranking.Projects.Select(p => p.Id));
        Assert.Equal([ReasonKind.Deeper, ReasonKind.MajorityGrade, ReasonKind.Gauge], ranking.Reasons.Select(r => r.Kind));
        Assert.Contains("majority grade is «2»", ranking.Reasons[1].Text);
        Assert.Equal(("top", "lower-median"), (ranking.Reasons[0].Ahead, ranking.Reasons[0].Behind));
    }

    [Fact]
    public void Reasons_are_said_in_french_and_spanish_with_the_scales_labels()
    {
        var ranking = MajorityRanking.Rank(
            [new ProjectTally("jardin", [0, 0, 1, 2, 7]), new ProjectTally("piste", [5, 3, 1, 1, 0])],
            BalancingPolicy.Default, judges: 10, scale: Voting.Core.Grades.GradeScale.Paris);
        var reason = ranking.Reasons.Single();
        Assert.Equal("La mention majoritaire de jardin est «J'adore», celle de piste est «Pas du tout convaincu·e».", reason.Texts["fr"]);
        Assert.Equal("La mención mayoritaria de jardin es «Me encanta», la de piste es «Nada convencido/a».", reason.Texts["es"]);
        Assert.Equal("jardin's majority grade is «I love it», piste's is «Not convinced at all».", reason.Text);
    }

    [Theory]
    [InlineData("static:0")]
    [InlineData("normalize")]
    public void Large_rankings_order_every_adjacent_pair(string policy)
    {
        // Enough projects for the ranking to split its work in halves.
        var random = new Random(7);
        var tallies = Enumerable.Range(0, 20_000)
            .Select(i => new ProjectTally($"p{i}", Enumerable.Range(0, 5).Select(_ => (long)random.Next(0, 6)).ToArray()))
            .ToArray();
        var ranking = MajorityRanking.Rank(tallies, BalancingPolicy.Parse(policy), judges: 25);

        Assert.Equal(tallies.Select(t => t.Id).Order(), ranking.Projects.Select(p => p.Id).Order());
        Assert.Equal(tallies.Length - 1, ranking.Reasons.Count);
        for (int i = 1; i < ranking.Projects.Count; i++)
        {
            var (ahead, behind) = (ranking.Projects[i - 1], ranking.Projects[i]);
            int byValue = MajorityValue.Compare(ahead.Profile, behind.Profile);
            Assert.True(byValue > 0 || (byValue == 0 && string.CompareOrdinal(ahead.Id, behind.Id) < 0), $"{ahead.Id} before {behind.Id}");
            Assert.Equal(byValue == 0 ? ahead.Rank : i + 1, behind.Rank);
            Assert.Equal((ahead.Id, behind.Id), (ranking.Reasons[i - 1].Ahead, ranking.Reasons[i - 1].Behind));
            Assert.Equal(byValue == 0, ranking.Reasons[i - 1].Kind == ReasonKind.Tie);
        }
    }

    [Fact]
    public void Large_rankings_report_the_first_bad_tally()
    {
        var tallies = Enumerable.Range(0, 20_000).Select(i => new ProjectTally($"p{i}", [1, 1])).ToArray();
        tallies[5] = new ProjectTally("negative", [-1, 1]);
        tallies[15_000] = new ProjectTally("too-many", [9, 9]);
        var error = Assert.Throws<ArgumentException>(() => MajorityRanking.Rank(tallies, Static0, judges: 2));
        Assert.Contains("cannot be negative", error.Message);
    }

    [Fact]
    public void Reasons_write_their_texts_as_the_results_json_escapes_them()
    {
        // Quotes, backslashes, control and separator characters are escaped, in ids and labels alike; «», accents and other letters are kept.
        string[] ids = ["plain", "quo\"te", "back\\slash", "«é»", "tab\t", "line\u2028sep", "日本", "<&>"];
        var scale = new GradeScale([
            LocalizedText.Of("Pas \"du tout\"", "Not at\\all", "Nada\u2029"),
            LocalizedText.Of("Bof\t", "Meh", "Así así"),
            LocalizedText.Of("J'adore", "Love <it>", "¡Me encanta!"),
        ]);
        var tallies = ids.Select((id, i) => new ProjectTally(id, [i % 3, 2, 8 - i])).ToArray();
        var ranking = MajorityRanking.Rank(tallies, Static0, judges: 10, participationThreshold: 0.95m, scale: scale);
        var utf8 = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var reason in ranking.Reasons)
            foreach (var (language, text) in reason.Texts)
            {
                utf8.ResetWrittenCount();
                reason.WriteJsonText(language, utf8);
                var escaped = System.Text.Json.JsonEncodedText.Encode(text, Voting.Core.Json.VotingJson.Options.Encoder).ToString();
                Assert.Equal(escaped, System.Text.Encoding.UTF8.GetString(utf8.WrittenSpan));
            }
        Assert.Contains(ranking.Reasons, r => r.Kind == ReasonKind.Participation);
    }
}
