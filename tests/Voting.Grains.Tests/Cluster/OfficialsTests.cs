using Voting.Core.Trail;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Grains.Tests.Cluster;

/// <summary>
/// The officials grain adds the first administrator once, and refuses a user name already taken, whatever its case;
/// each account added, and only those, leaves one entry in the accounts' audit trail.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OfficialsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_first_account_is_added_once_and_a_taken_name_is_refused_in_any_case()
    {
        var officials = fixture.Grains.GetGrain<IOfficialsGrain>(0);
        var admin = new OfficialAccount("admin", OfficialRole.Administrator, "hash-1");
        var first = new Actor("admin", "192.0.2.1");
        var administrator = new Actor("admin", "192.0.2.2");

        var before = DateTimeOffset.UtcNow;
        Assert.True(await officials.AddFirst(admin, first));
        var after = DateTimeOffset.UtcNow;
        Assert.False(await officials.AddFirst(new OfficialAccount("other", OfficialRole.Administrator, "hash-2"), first));
        Assert.Equal(admin, await officials.Find("ADMIN"));
        Assert.Null(await officials.Find("other"));
        var trail = await officials.Trail();
        Assert.Equal(TrailAction.AddAdministrator, Assert.Single(trail).Action);
        Assert.Equal(("admin", "192.0.2.1", "admin"), (trail[0].Actor, trail[0].Address, trail[0].Account));
        Assert.InRange(trail[0].At, before, after);

        Assert.True(await officials.Add(new OfficialAccount("watcher", OfficialRole.Observer, "hash-3"), administrator));
        Assert.False(await officials.Add(new OfficialAccount("Watcher", OfficialRole.Administrator, "hash-4"), administrator));
        Assert.Equal(OfficialRole.Observer, (await officials.Find("watcher"))?.Role);
        Assert.Equal(
            [KeyValuePair.Create("admin", OfficialRole.Administrator), KeyValuePair.Create("watcher", OfficialRole.Observer)],
            await officials.Roles());
        trail = await officials.Trail();
        Assert.Equal(2, trail.Count);
        Assert.Equal((TrailAction.AddObserver, "admin", "192.0.2.2", "watcher"), (trail[1].Action, trail[1].Actor, trail[1].Address, trail[1].Account));
        Assert.True(trail[1].At >= trail[0].At);
    }
}
