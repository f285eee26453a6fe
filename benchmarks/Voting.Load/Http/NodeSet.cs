using Voting.Testing;

namespace Voting.Load.Http;

/// <summary>The nodes under load, started from the built Voting.Host with rate limits off; stopped with what they need.</summary>
public sealed class NodeSet : IAsyncDisposable
{
    private readonly List<HostProcess> _hosts = [];
    private RedisServer? _redis;
    private AzuriteFixture? _azurite;

    public IReadOnlyList<Uri> Nodes => _hosts.Select(h => h.BaseAddress).ToArray();

    public string Describe => _azurite is null ? "embedded SQLite" : "redis-server clustering, Azurite storage";

    /// <summary>One node: its embedded SQLite. Several: redis-server clustering and Azure storage on Azurite.</summary>
    public static async Task<NodeSet> StartAsync(int nodes, string token)
    {
        var set = new NodeSet();
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Voting:AdminToken"] = token,
                ["Voting:LoadSeeds"] = "false",
                ["Voting:RateLimiting:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            if (nodes > 1)
            {
                set._redis = await RedisServer.Start();
                set._azurite = new AzuriteFixture();
                await set._azurite.InitializeAsync();
                settings["Voting:Clustering"] = "redis";
                settings["ConnectionStrings:Redis"] = set._redis.ConnectionString;
                settings["Voting:Storage"] = "azure";
                settings["ConnectionStrings:AzureStorage"] = set._azurite.ConnectionString;
                settings["Voting:ClusterId"] = "load-" + Guid.NewGuid().ToString("N")[..8];
                settings["Voting:AdvertisedAddress"] = "127.0.0.1";
            }
            for (int i = 0; i < nodes; i++) set._hosts.Add(await HostProcess.Start(settings));
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}
