using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Voting.Web.Telemetry;

/// <summary>Registers the web node's instruments; the host picks an exporter (meter <see cref="WebMetrics.MeterName"/>, source <see cref="WebActivities.SourceName"/>).</summary>
public static class WebTelemetryExtensions
{
    public static IServiceCollection AddVotingWebMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<WebMetrics>();
        services.AddSingleton<HubConnectionsFilter>();
        // Global hub options: every hub, ResultsHub included, copies its filters.
        services.Configure<HubOptions>(o => o.AddFilter<HubConnectionsFilter>());
        return services;
    }
}
