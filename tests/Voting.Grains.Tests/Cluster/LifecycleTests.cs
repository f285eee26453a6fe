using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class LifecycleTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task An_election_goes_from_draft_to_open_to_closed_and_no_step_repeats()
    {
        var id = Elections.NewId("lifecycle");
        var election = _grains.GetGrain<IElectionGrain>(id);
        Assert.Null(await election.Get());
        Assert.Equal(Failure.NotFound, (await election.Open(Elections.Official)).Failure);
        Assert.Equal(Failure.NotFound, (await election.Close(Elections.Official)).Failure);

        var created = await election.Create(Elections.Budget(id), Elections.Official);
        Assert.True(created.Succeeded, created.Error);
        Assert.Equal(ElectionStatus.Draft, created.Value!.Status);
        Assert.Equal(Failure.AlreadyExists, (await election.Create(Elections.Budget(id), Elections.Official)).Failure);
        Assert.Contains(id, await _grains.GetGrain<IElectionDirectoryGrain>(0).List());
        Assert.Null(await election.Results());

        var notOpen = await election.Close(Elections.Official);
        Assert.Equal(Failure.NotOpen, notOpen.Failure);
        Assert.False(string.IsNullOrEmpty(notOpen.Error));

        Assert.Equal(ElectionStatus.Open, (await election.Open(Elections.Official)).Value!.Status);
        Assert.Equal(Failure.NotOpen, (await election.Open(Elections.Official)).Failure);
        Assert.Equal(ElectionStatus.Open, (await election.Get())!.Status);

        Assert.Equal(ElectionStatus.Closed, (await election.Close(Elections.Official)).Value!.Status);
        Assert.Equal(Failure.Closed, (await election.Close(Elections.Official)).Failure);
        Assert.Equal(Failure.Closed, (await election.Open(Elections.Official)).Failure);
        Assert.Equal(ElectionStatus.Closed, (await election.Get())!.Status);
        Assert.Equal(0, (await election.Results())!.Ballots);
    }

    [Fact]
    public async Task A_definition_with_errors_is_refused_with_all_of_them()
    {
        var id = Elections.NewId("invalid");
        var election = _grains.GetGrain<IElectionGrain>(id);
        // (Grades and balancing errors are left out: Voting.Core's ElectionDefinition cannot be serialized with them.)
        var bad = Elections.Budget(id) with { Median = "upper", ParticipationThreshold = 2 };
        var outcome = await election.Create(bad, Elections.Official);
        Assert.Equal(Failure.Invalid, outcome.Failure);
        Assert.Contains("median", outcome.Error);
        Assert.Contains("participationThreshold", outcome.Error);
        Assert.Null(await election.Get());

        Assert.Equal(Failure.Invalid, (await election.Create(Elections.Budget("another-id"), Elections.Official)).Failure);
        Assert.True((await election.Create(Elections.Budget(id), Elections.Official)).Succeeded);
    }

    [Fact]
    public async Task Importing_voters_issues_one_code_each_and_refuses_bad_rows()
    {
        var id = Elections.NewId("roll");
        var election = _grains.GetGrain<IElectionGrain>(id);
        Assert.Equal(Failure.NotFound, (await election.ImportVoters([new VoterImport("a", ["city"])], Elections.Official)).Failure);
        await election.Create(Elections.Budget(id), Elections.Official);

        var codes = await election.ImportVoters([new VoterImport("a", ["city", "north"]), new VoterImport("b", ["city"])], Elections.Official);
        Assert.True(codes.Succeeded, codes.Error);
        Assert.Equal(2, codes.Value!.Count);
        Assert.NotEqual(codes.Value["a"], codes.Value["b"]);
        Assert.All(codes.Value.Values, code => Assert.Equal(26, code.Length));

        var unknown = await election.ImportVoters([new VoterImport("c", ["city", "west"])], Elections.Official);
        Assert.Equal(Failure.Invalid, unknown.Failure);
        Assert.Contains("west", unknown.Error);
        Assert.Equal(Failure.AlreadyExists, (await election.ImportVoters([new VoterImport("c", ["city"]), new VoterImport("a", ["city"])], Elections.Official)).Failure);
        Assert.Equal(Failure.Invalid, (await election.ImportVoters([], Elections.Official)).Failure);
        Assert.Equal(2, (await election.Get())!.RegisteredVoters);

        await election.Open(Elections.Official);
        Assert.True((await election.ImportVoters([new VoterImport("c", ["south"])], Elections.Official)).Succeeded);
        Assert.Equal(3, (await election.Get())!.RegisteredVoters);
        await election.Close(Elections.Official);
        Assert.Equal(Failure.Closed, (await election.ImportVoters([new VoterImport("d", ["south"])], Elections.Official)).Failure);
    }

    [Fact]
    public async Task Each_bad_cast_gets_its_own_failure_and_changes_nothing()
    {
        var id = Elections.NewId("failures");
        var election = _grains.GetGrain<IElectionGrain>(id);
        Dictionary<string, int> good = new() { ["c1"] = 4, ["n1"] = 2 };

        await election.Create(Elections.Budget(id), Elections.Official);
        var code = (await election.ImportVoters([new VoterImport("a", ["city", "north"])], Elections.Official)).Value!["a"];
        Assert.Equal(Failure.NotOpen, (await _grains.CastBallot(election, code, good)).Failure);
        await election.Open(Elections.Official);

        async Task Refused(Failure failure, string code, Dictionary<string, int> grades, string? reason = null)
        {
            var outcome = await _grains.CastBallot(election, code, grades);
            Assert.Equal(failure, outcome.Failure);
            Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
            if (reason is not null) Assert.Contains(reason, outcome.Error);
        }
        await Refused(Failure.Unauthorized, "0123456789ABCDEFGHJKMNPQRS", good);
        await Refused(Failure.Unauthorized, "not a code", good);
        await Refused(Failure.Invalid, code, []);
        await Refused(Failure.Invalid, code, new() { ["c1"] = 4, ["x9"] = 1 }, "unknown project 'x9'");
        await Refused(Failure.Invalid, code, new() { ["c1"] = 5 });
        await Refused(Failure.Invalid, code, new() { ["c1"] = -1 });
        await Refused(Failure.Forbidden, code, new() { ["c1"] = 4, ["s1"] = 1 }, "south");

        var results = await election.Results();
        Assert.Equal(0, results!.Version);
        Assert.Equal(0, results.Ballots);

        var cast = await _grains.CastBallot(election, code.ToLowerInvariant(), good);
        Assert.True(cast.Succeeded, cast.Error);
        Assert.Equal(1, cast.Value!.Revision);
        Assert.Matches("^[0-9a-f]{32}$", cast.Value.Receipt);

        await election.Close(Elections.Official);
        await Refused(Failure.Closed, code, good);
        Assert.Equal(1, (await election.Results())!.Ballots);
        Assert.Equal(2, (await election.Results())!.Version);
    }
}
