using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

/// <summary>Test elections: a budget with a city-wide envelope and two districts, five grades, five projects each.</summary>
public static class Elections
{
    public static readonly string[] City = ["c1", "c2", "c3", "c4", "c5"];
    public static readonly string[] North = ["n1", "n2", "n3", "n4", "n5"];
    public static readonly string[] South = ["s1", "s2", "s3", "s4", "s5"];

    /// <summary>Who the tests' official actions are recorded as: an official from a documentation address (RFC 5737).</summary>
    public static readonly Actor Official = new("test-official", "192.0.2.7");

    public static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 33, 64)];

    public static ElectionDefinition Budget(string id, int boxes = 1) => new(
        id,
        LocalizedText.Plain("Test budget"),
        ElectionKind.Budget,
        GradeScale.Paris.Labels,
        [Envelope("city", City, 1000), Envelope("north", North, 300), Envelope("south", South, 300)],
        BallotBoxes: boxes == 1 ? null : boxes);

    private static EnvelopeDefinition Envelope(string id, string[] projects, long budget) =>
        new(id, projects.Select((p, i) => new ProjectDefinition(p, LocalizedText.Plain(p), 100 + 10 * i)).ToArray(), budget, "greedy");

    /// <summary>Creates and opens a budget election with <paramref name="voters"/> voters (city + north, or city + south) over <paramref name="boxes"/> ballot boxes, returning their codes.</summary>
    public static async Task<(IElectionGrain Election, string[] Codes)> OpenBudget(IGrainFactory grains, string name, int voters, int boxes = 1)
    {
        var id = NewId(name);
        var election = grains.GetGrain<IElectionGrain>(id);
        Assert.True((await election.Create(Budget(id, boxes), Elections.Official)).Succeeded);
        var roll = Enumerable.Range(0, voters).Select(i => new VoterImport($"voter-{i}", ["city", i % 2 == 0 ? "north" : "south"])).ToArray();
        var codes = await election.ImportVoters(roll, Elections.Official);
        Assert.True(codes.Succeeded, codes.Error);
        Assert.True((await election.Open(Elections.Official)).Succeeded);
        return (election, roll.Select(v => codes.Value![v.Id]).ToArray());
    }

    /// <summary>A random ballot for voter <paramref name="index"/>: some city projects and some of their district's.</summary>
    public static Dictionary<string, int> RandomBallot(Random random, int index)
    {
        var district = index % 2 == 0 ? North : South;
        var grades = new Dictionary<string, int>();
        foreach (var project in City.Concat(district))
            if (random.Next(4) > 0) grades[project] = random.Next(5);
        if (grades.Count == 0) grades[City[0]] = random.Next(5);
        return grades;
    }
}
