using System.Collections.Concurrent;
using System.Diagnostics;
using Voting.Grains.Telemetry;

namespace Voting.Grains.Tests.Cluster;

/// <summary>The ballot boxes' appends as trace spans: one per durable batch, tagged with its election, box and size.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AppendTracingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Each_append_is_a_span_whose_batch_sizes_add_up_to_the_ballots_cast()
    {
        var (election, codes) = await Elections.OpenBudget(fixture.Grains, "traced", 12);
        var id = election.GetPrimaryKeyString();
        var appends = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VotingActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "append" && Equals(activity.GetTagItem("voting.election"), id)) appends.Add(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        var random = new Random(3);
        var outcomes = await Task.WhenAll(codes.Select((code, i) => fixture.Grains.CastBallot(election, code, Elections.RandomBallot(random, i))));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
        Assert.NotEmpty(appends);
        Assert.Equal(codes.Length, appends.Sum(a => (int)a.GetTagItem("voting.batch_size")!));
        Assert.All(appends, a => Assert.Equal(0, a.GetTagItem("voting.box")));
    }
}
