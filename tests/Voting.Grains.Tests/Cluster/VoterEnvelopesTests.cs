using Voting.Grains.Boxes;
using Voting.Grains.Contracts;
using Voting.Grains.Elections;

namespace Voting.Grains.Tests.Cluster;

/// <summary>A ballot box tells the ballot page which envelopes a voter on its roll may vote in, and no one else.</summary>
[Collection(ClusterCollection.Name)]
public sealed class VoterEnvelopesTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_box_gives_a_voter_their_envelopes_and_refuses_an_unknown_key(int boxes)
    {
        var (election, codes) = await Elections.OpenBudget(_grains, "envelopes", 4, boxes);
        var id = election.GetPrimaryKeyString();

        for (var i = 0; i < codes.Length; i++)
        {
            var key = InvitationCodes.Hash(codes[i])!;
            var outcome = await _grains.GetGrain<IBallotBoxGrain>(BallotBox.Of(id, key, boxes).GrainKey).Envelopes(key);
            Assert.True(outcome.Succeeded, outcome.Error);
            Assert.Equal(["city", i % 2 == 0 ? "north" : "south"], outcome.Value);
        }

        var stranger = InvitationCodes.Hash(InvitationCodes.New())!;
        var refused = await _grains.GetGrain<IBallotBoxGrain>(BallotBox.Of(id, stranger, boxes).GrainKey).Envelopes(stranger);
        Assert.Equal(Failure.Unauthorized, refused.Failure);
        // A voter's key asked of another box is not on that box's roll.
        var first = InvitationCodes.Hash(codes[0])!;
        if (boxes > 1)
        {
            var other = (BallotBox.IndexOf(first, boxes) + 1) % boxes;
            Assert.Equal(Failure.Unauthorized, (await _grains.GetGrain<IBallotBoxGrain>(new BallotBox(id, other, boxes).GrainKey).Envelopes(first)).Failure);
        }
    }
}
