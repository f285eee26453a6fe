using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

/// <summary>The officials grain adds the first administrator once, and refuses a user name already taken, whatever its case.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OfficialsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_first_account_is_added_once_and_a_taken_name_is_refused_in_any_case()
    {
        var officials = fixture.Grains.GetGrain<IOfficialsGrain>(0);
        var admin = new OfficialAccount("admin", OfficialRole.Administrator, "hash-1");

        Assert.True(await officials.AddFirst(admin));
        Assert.False(await officials.AddFirst(new OfficialAccount("other", OfficialRole.Administrator, "hash-2")));
        Assert.Equal(admin, await officials.Find("ADMIN"));
        Assert.Null(await officials.Find("other"));

        Assert.True(await officials.Add(new OfficialAccount("watcher", OfficialRole.Observer, "hash-3")));
        Assert.False(await officials.Add(new OfficialAccount("Watcher", OfficialRole.Administrator, "hash-4")));
        Assert.Equal(OfficialRole.Observer, (await officials.Find("watcher"))?.Role);
        Assert.Equal(
            [KeyValuePair.Create("admin", OfficialRole.Administrator), KeyValuePair.Create("watcher", OfficialRole.Observer)],
            await officials.Roles());
    }
}
