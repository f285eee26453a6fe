using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Voting.Grains.Telemetry;
using Voting.Web.Telemetry;

namespace Voting.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the node: the engine's meters and spans, ASP.NET Core's and Orleans' own; metrics readable by
/// Prometheus at <c>/metrics</c>, and metrics and traces sent by OTLP when an endpoint is configured.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>The OTLP endpoint's key besides the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public const string OtlpEndpointKey = "Voting:Telemetry:OtlpEndpoint";

    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// ASP.NET Core's request durations (by route and status, 429s included), connections and exceptions. Not its other
    /// meters, which count within every request (routing, authentication, authorization, rate limiting, memory pool) and
    /// together cost the ballot path several percent of a node's ballots/s.
    /// </summary>
    private static readonly string[] AspNetCoreMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Diagnostics"];

    public static WebApplicationBuilder AddVotingTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddVotingWebMetrics();
        var otlp = OtlpEndpoint(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("voting"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(VotingMetrics.MeterName, WebMetrics.MeterName, "Microsoft.Orleans", "System.Runtime")
                    .AddMeter(AspNetCoreMeters)
                    .AddPrometheusExporter();
                if (otlp is not null) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        // Traces go by OTLP only: without an endpoint, no span is made (recording them for nobody costs ballots/s).
        if (otlp is not null)
            telemetry.WithTracing(tracing => tracing
                .AddSource(VotingActivities.SourceName, WebActivities.SourceName)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperations(http.Request.Path))
                .AddOtlpExporter(o => o.Endpoint = otlp));
        return builder;
    }

    /// <summary>Prometheus' scrape endpoint, <c>/metrics</c>.</summary>
    public static WebApplication MapVotingMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    private static Uri? OtlpEndpoint(IConfiguration configuration) =>
        (configuration[OtlpEndpointKey] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) is { Length: > 0 } endpoint ? new Uri(endpoint) : null;

    /// <summary>Scrapes and probes, which would drown the traces of the vote.</summary>
    private static bool IsOperations(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
