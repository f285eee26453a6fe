using System.Security.Cryptography;
using System.Text.Json;
using Voting.Core.Allocation;
using Voting.Core.Pabulib;

namespace Voting.Core.Tests.Pabulib;

/// <summary>The five real instances: read them, and reproduce what each city funded with the city's own rule.</summary>
public class PabulibInstanceTests
{
    public static TheoryData<string> Files => new()
    {
        "Netherlands_Assen_2024.pb",
        "Poland_Wieliczka_2023_Green_Budget.pb",
        "Poland_Czestochowa_2024_Mirow.pb",
        "Poland_Krakow_2020_Stare_Miasto.pb",
        "Poland_Gdynia_2020_Orlowo__small.pb",
    };

    private sealed record Expected(string Sha256, string VoteType, string Rule, long Budget, int NumVotes, int NumProjects, string[] Selected, long SelectedCost);

    private static Expected ExpectedFor(string file)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(PabulibFolder.File("expected_winners.json")));
        var e = json.RootElement.GetProperty(file);
        return new Expected(
            e.GetProperty("sha256").GetString()!,
            e.GetProperty("vote_type").GetString()!,
            e.GetProperty("rule").GetString()!,
            long.Parse(e.GetProperty("budget").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            e.GetProperty("num_votes").GetInt32(),
            e.GetProperty("num_projects").GetInt32(),
            e.GetProperty("selected").EnumerateArray().Select(s => s.GetString()!).ToArray(),
            long.Parse(e.GetProperty("selected_cost").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [PabulibTheory]
    [MemberData(nameof(Files))]
    public void The_file_is_the_one_the_expectations_describe(string file)
    {
        var expected = ExpectedFor(file);
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(PabulibFolder.File(file))));
        Assert.Equal(expected.Sha256, hash);
    }

    [PabulibTheory]
    [MemberData(nameof(Files))]
    public void Reads_the_instance(string file)
    {
        var expected = ExpectedFor(file);
        var instance = PbReader.ReadFile(PabulibFolder.File(file));
        Assert.Equal(expected.VoteType, instance.VoteType.Name());
        Assert.Equal(expected.Rule, instance.Rule);
        Assert.Equal(expected.Budget, instance.Budget);
        Assert.Equal(expected.NumVotes, instance.Votes.Count);
        Assert.Equal(expected.NumProjects, instance.Projects.Count);
        var selectedColumn = instance.Projects.Where(p => p.Selected == true).Select(p => p.Id).Order().ToArray();
        Assert.Equal(expected.Selected.Order().ToArray(), selectedColumn);
    }

    [PabulibTheory]
    [MemberData(nameof(Files))]
    public void Reproduces_the_published_winners_with_the_city_rule(string file)
    {
        var expected = ExpectedFor(file);
        var instance = PbReader.ReadFile(PabulibFolder.File(file));
        var result = PbAllocation.Allocate(instance);
        Assert.Equal(expected.Rule, result.Rule);
        Assert.Equal(expected.Selected.Order().ToArray(), result.Selected.Order().ToArray());
        Assert.Equal(expected.SelectedCost, result.Cost);
        Assert.Equal(instance.Projects.Count, result.Projects.Count);
        Assert.All(result.Projects, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
    }

    [PabulibTheory]
    [MemberData(nameof(Files))]
    public void Writing_and_reading_back_gives_the_same_instance(string file)
    {
        var instance = PbReader.ReadFile(PabulibFolder.File(file));
        var again = PbReader.Parse(PbWriter.ToText(instance));
        PbAssert.Same(instance, again);
    }

    [PabulibFact]
    public void Wieliczka_needs_add1_to_go_past_the_first_exhaustive_outcome()
    {
        const string file = "Poland_Wieliczka_2023_Green_Budget.pb";
        var expected = ExpectedFor(file);
        var instance = PbReader.ReadFile(PabulibFolder.File(file));
        var ranking = PbAllocation.Ranking(instance);
        var ballots = PbAllocation.Ballots(instance);
        var budget = instance.Budget!.Value;
        (IReadOnlyList<string> Selected, long Cost) At(long perVoter) => EqualSharesAllocation.FixedBudget(ranking, ballots, perVoter * ballots.Count);
        bool Exhaustive((IReadOnlyList<string> Selected, long Cost) o) => ranking.All(c => o.Selected.Contains(c.Id) || o.Cost + c.Cost > budget);

        var first = At(302); // the first exhaustive outcome (301 PLN per voter is not)
        Assert.True(Exhaustive(first));
        Assert.False(Exhaustive(At(301)));
        Assert.NotEqual(expected.Selected.Order(), first.Selected.Order());
        var published = At(315);
        Assert.Equal(expected.Selected.Order(), published.Selected.Order());
        Assert.True(At(316).Cost > budget);

        var result = PbAllocation.Allocate(instance);
        Assert.Contains(result.Notes, n => n.Contains("up to 315 per voter", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.Contains("equal shares' is kept", StringComparison.Ordinal));
    }

    [PabulibFact]
    public void Assen_is_reproduced_without_a_greedy_completion()
    {
        // 23300 is left and project 7 (12000) would fit: the published outcome has no greedy completion.
        var instance = PbReader.ReadFile(PabulibFolder.File("Netherlands_Assen_2024.pb"));
        var result = PbAllocation.Allocate(instance);
        Assert.Equal(23300, result.Left);
        Assert.False(result.Decision("7")!.Funded);
        Assert.Equal(DecisionKind.SharesRanOut, result.Decision("7")!.Kind);
    }

    [PabulibFact]
    public void Krakow_ranks_by_the_file_score_column()
    {
        var instance = PbReader.ReadFile(PabulibFolder.File("Poland_Krakow_2020_Stare_Miasto.pb"));
        var scores = PbAllocation.Scores(instance);
        Assert.Equal(1508, scores["28"]);
        Assert.Equal(21, scores["32"]);
        var result = PbAllocation.Allocate(instance);
        Assert.Equal(["28", "9", "3", "36"], result.Selected);
        Assert.Equal("skipped: costs 320000, only 10300 left", result.Decision("2")!.Reason);
    }
}
