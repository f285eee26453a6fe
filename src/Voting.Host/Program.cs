using Azure.Data.Tables;
using System.Net;
using Microsoft.Extensions.Configuration.Memory;
using Orleans.Configuration;
using Voting.Host;
using Voting.Host.Health;
using Voting.Host.Telemetry;
using Voting.Web;

// The data folder may sit under the content root (by default it does): a configuration file watcher there would wake
// up on every ballot written. Configuration is read at start; passing --hostBuilder:reloadConfigOnChange=true restores it.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

// Quiet defaults (lowest priority: appsettings, environment and command line override them).
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Orleans.Runtime.Watchdog"] = "Error", // a spurious "participant check" warning at startup
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        // Its request lines carry the query string, where a hub client may send the official token (access_token): kept
        // off even when Microsoft.AspNetCore is turned up; only naming this category itself turns them on. Off entirely,
        // not only below Warning: while this category logs at all, ASP.NET Core gives every request an Activity and a log
        // scope. Nothing else it says concerns a running node (a failed start ends the process with its exception).
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None",
    },
});

var settings = HostSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);

builder.UseOrleans(silo =>
{
    switch (settings.Clustering.Trim().ToLowerInvariant())
    {
        case "localhost":
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: HostSettings.ServiceId, clusterId: settings.ClusterId);
            break;
        case "redis":
            silo.UseRedisClustering(Required("Redis"));
            ConfigureCluster(silo);
            break;
        case "azure":
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(Required("AzureStorage")));
            ConfigureCluster(silo);
            break;
        default:
            throw new InvalidOperationException($"Voting:Clustering must be 'localhost', 'redis' or 'azure', not '{settings.Clustering}'");
    }
    VotingSilo.Configure(silo, builder.Configuration, settings);
    silo.AddActivityPropagation();

    string Required(string connection)
    {
        var value = builder.Configuration.GetConnectionString(connection);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Voting:Clustering is '{settings.Clustering}' but ConnectionStrings:{connection} is not set")
            : value;
    }

    void ConfigureCluster(ISiloBuilder silo)
    {
        silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = HostSettings.ServiceId; });
        silo.ConfigureFailover(builder.Configuration);
        if (!string.IsNullOrWhiteSpace(settings.AdvertisedAddress))
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        else
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
    }
});

builder.Services.AddVotingWeb(builder.Configuration);
builder.AddVotingTelemetry();
builder.Services.AddVotingHealthChecks();
builder.Services.AddSingleton<SeedLoader>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SeedLoader>());
builder.Services.AddHostedService<ParentWatch>();

var app = builder.Build();
app.MapVotingWeb();
app.MapVotingHealthChecks();
app.MapVotingMetrics();
app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app));
app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
