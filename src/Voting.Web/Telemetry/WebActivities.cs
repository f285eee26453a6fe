using System.Diagnostics;

namespace Voting.Web.Telemetry;

/// <summary>The web node's trace spans (activity source <see cref="SourceName"/>).</summary>
public static class WebActivities
{
    public const string SourceName = "Voting.Web";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span over one cast, from the request's body to the box's answer, or null when no one listens.</summary>
    public static Activity? StartCast(string election) => Source.StartActivity("cast")?.SetTag("voting.election", election);
}
