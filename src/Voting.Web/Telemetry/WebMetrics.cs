using System.Diagnostics.Metrics;

namespace Voting.Web.Telemetry;

/// <summary>The web node's instruments (meter <see cref="MeterName"/>): the live-results hub's open connections.</summary>
public sealed class WebMetrics
{
    public const string MeterName = "Voting.Web";

    private readonly UpDownCounter<long> _hubConnections;

    public WebMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _hubConnections = meter.CreateUpDownCounter<long>("voting.signalr.connections", "{connection}", "Open connections to the live results hub.");
    }

    public void HubConnected() => _hubConnections.Add(1);

    public void HubDisconnected() => _hubConnections.Add(-1);
}
