using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Voting.Host.Health;

/// <summary>
/// <c>/health/live</c>: the process answers (no check). <c>/health/ready</c>: the store and the cluster answer, each
/// within <see cref="CheckTimeout"/>; 503 when one does not. Both answer JSON with each check's status.
/// </summary>
internal static class HealthExtensions
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string Ready = "ready";

    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddVotingHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, [Ready], CheckTimeout)
            .AddCheck<ClusterHealthCheck>("cluster", HealthStatus.Unhealthy, [Ready], CheckTimeout);
        return services;
    }

    public static WebApplication MapVotingHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteJson });
        return app;
    }

    /// <summary><c>{"status": "Healthy", "checks": {"storage": {"status": "Healthy", "description": "...", "durationMs": 1.2}}}</c>; never an exception's text.</summary>
    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, new HealthAnswer(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new CheckAnswer(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds))),
            JsonOptions, http.RequestAborted);
    }

    private sealed record HealthAnswer(string Status, Dictionary<string, CheckAnswer> Checks);

    private sealed record CheckAnswer(string Status, string? Description, double DurationMs);
}
