using System.Diagnostics;
using Voting.Grains.Boxes;

namespace Voting.Grains.Telemetry;

/// <summary>The grains' trace spans (activity source <see cref="SourceName"/>).</summary>
public static class VotingActivities
{
    public const string SourceName = "Voting.Grains";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span over one batch's durable append (retries included), or null when no one listens.</summary>
    public static Activity? StartAppend(BallotBox box, int ballots) =>
        Source.StartActivity("append")?
            .SetTag("voting.election", box.Election)
            .SetTag("voting.box", box.Index)
            .SetTag("voting.batch_size", ballots);
}
