using Voting.Core.Elections;
using Voting.Core.Record;

namespace Voting.Core.Tests.Elections;

/// <summary>A ballot and a voter import are checked in one place, which names every problem with its path.</summary>
public class InputErrorsTests
{
    private static readonly ElectionDefinition Definition = RecordGenerator.Definition("inputs", envelopes: 2, projects: 3, grades: 5);

    [Fact]
    public void A_ballot_with_several_problems_gets_them_all_named()
    {
        var check = new BallotErrors(Definition);
        var refusal = check.Check(new Dictionary<string, int> { ["c-01"] = 7, ["zzz"] = 1, ["c-02"] = -1, ["c-03"] = 2 }, ["city"]);

        Assert.NotNull(refusal);
        Assert.False(refusal.Value.Forbidden);
        Assert.Equal(["grades.c-01", "grades.zzz", "grades.c-02"], refusal.Value.Problems.Select(p => p[..p.IndexOf(':')]));
    }

    [Fact]
    public void A_valid_ballot_in_an_envelope_not_allowed_is_forbidden_and_an_allowed_one_passes()
    {
        var check = new BallotErrors(Definition);
        var refusal = check.Check(new Dictionary<string, int> { ["c-01"] = 4, ["d1-01"] = 0 }, ["city"]);
        Assert.True(refusal!.Value.Forbidden);
        Assert.Equal(["grades.d1-01"], refusal.Value.Problems.Select(p => p[..p.IndexOf(':')]));
        Assert.Null(check.Check(new Dictionary<string, int> { ["c-01"] = 4, ["d1-01"] = 0 }, ["city", "district-1"]));
        Assert.NotNull(check.Check(new Dictionary<string, int>(), ["city"]));
    }

    [Fact]
    public void A_voter_import_with_several_problems_gets_them_all_named()
    {
        var problems = RollErrors.Of(Definition,
        [
            ("v1", ["city"]),
            (null, ["city"]),
            ("v1", ["nowhere", "city", null]),
            ("v4", []),
            (new string('x', 300), null),
        ]);

        Assert.Equal(
            ["voters[1].id", "voters[2].id", "voters[2].envelopes", "voters[2].envelopes", "voters[3].envelopes", "voters[4].id", "voters[4].envelopes"],
            problems.Select(p => p[..p.IndexOf(':')]));
        Assert.Contains("first at voters[0]", problems[1]);
        Assert.Empty(RollErrors.Of(Definition, [("v1", ["city", "district-1"])]));
    }

    [Fact]
    public void A_huge_bad_import_names_the_first_problems_and_counts_the_rest()
    {
        var voters = Enumerable.Range(0, 1000).Select(_ => ((string?)null, (IReadOnlyList<string?>?)["city"])).ToArray();
        var problems = RollErrors.Of(Definition, voters);
        Assert.Equal(RollErrors.MaxListed + 1, problems.Count);
        Assert.Equal($"voters: {1000 - RollErrors.MaxListed} more problems", problems[^1]);
    }
}
