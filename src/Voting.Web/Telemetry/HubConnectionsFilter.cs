using Microsoft.AspNetCore.SignalR;

namespace Voting.Web.Telemetry;

/// <summary>Counts the hubs' open connections in <see cref="WebMetrics"/>.</summary>
public sealed class HubConnectionsFilter(WebMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        metrics.HubConnected();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        metrics.HubDisconnected();
        await next(context, exception);
    }
}
