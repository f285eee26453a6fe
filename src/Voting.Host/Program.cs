using System.Net;
using Microsoft.Extensions.Configuration.Memory;
using Orleans.Configuration;
using Voting.Host;
using Voting.Web;

var builder = WebApplication.CreateBuilder(args);

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
    },
});

var settings = HostSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);

builder.UseOrleans(silo =>
{
    switch (settings.Clustering.Trim().ToLowerInvariant())
    {
        case "localhost":
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: "voting", clusterId: settings.ClusterId);
            break;
        case "redis":
            var redis = builder.Configuration.GetConnectionString("Redis");
            if (string.IsNullOrWhiteSpace(redis))
                throw new InvalidOperationException("Voting:Clustering is 'redis' but ConnectionStrings:Redis is not set");
            silo.UseRedisClustering(redis);
            silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = "voting"; });
            if (!string.IsNullOrWhiteSpace(settings.AdvertisedAddress))
                silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            else
                silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            break;
        default:
            throw new InvalidOperationException($"Voting:Clustering must be 'localhost' or 'redis', not '{settings.Clustering}'");
    }
    VotingSilo.Configure(silo, builder.Configuration, settings);
});

builder.Services.AddVotingWeb(builder.Configuration);
builder.Services.AddSingleton<SeedLoader>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SeedLoader>());
builder.Services.AddHostedService<ParentWatch>();

var app = builder.Build();
app.MapVotingApi();
app.Lifetime.ApplicationStarted.Register(() => Banner.Print(app));
app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
