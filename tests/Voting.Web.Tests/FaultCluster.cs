namespace Voting.Web.Tests;

/// <summary>
/// Three nodes of one deployment (Redis clustering, Azure storage on an Azurite that keeps its data on disk, so that it
/// can be stopped and started again), shared by the fault tests: a test that kills a node leaves the next one to start
/// a replacement. Everything started is stopped on dispose.
/// </summary>
public sealed class FaultCluster : IAsyncLifetime
{
    public const string Token = "fault-official-token-0123456789";
    private const int Size = 3;

    private readonly string _clusterId = "fault-" + Guid.NewGuid().ToString("n")[..8];
    private readonly List<HostProcess> _nodes = [];
    private readonly List<HostProcess> _killed = [];
    private RedisServer? _redis;
    private AzuriteFixture? _azurite;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "voting-fault-tests", Guid.NewGuid().ToString("n"));

    public AzuriteFixture Azurite => _azurite ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.Start();
        _azurite = await AzuriteFixture.OnDisk(Path.Combine(Folder, "azurite"));
    }

    /// <summary>The live nodes, after starting as many as it takes to have three.</summary>
    public async Task<IReadOnlyList<HostProcess>> Ready()
    {
        var starting = Enumerable.Range(0, Size - _nodes.Count).Select(_ => HostProcess.Start(Settings())).ToArray();
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
        return _nodes.ToArray();
    }

    /// <summary>Stops every node (as a service stop would: SIGTERM), then starts three again.</summary>
    public async Task<IReadOnlyList<HostProcess>> Restart()
    {
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask()));
        _nodes.Clear();
        return await Ready();
    }

    /// <summary>Kills a node at once (SIGKILL).</summary>
    public async Task Kill(HostProcess node)
    {
        _nodes.Remove(node);
        _killed.Add(node);
        await node.Kill();
    }

    /// <summary>The node whose log says it activated the election's ballot box.</summary>
    public static async Task<HostProcess> Hosting(IEnumerable<HostProcess> nodes, string id)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var hosts = nodes.Where(n => n.Output.Split('\n').Any(line =>
                line.Contains($"{id}: ", StringComparison.Ordinal) && line.Contains("ballot log at", StringComparison.Ordinal))).ToArray();
            if (hosts.Length == 1) return hosts[0];
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"no single node says it hosts the ballot box of {id}");
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Voting:Clustering"] = "redis",
        ["ConnectionStrings:Redis"] = _redis!.ConnectionString,
        ["Voting:Storage"] = "azure",
        ["ConnectionStrings:AzureStorage"] = Azurite.ConnectionString,
        ["Voting:ClusterId"] = _clusterId,
        ["Voting:AdvertisedAddress"] = "127.0.0.1",
        ["Voting:AdminToken"] = Token,
        ["Voting:LoadSeeds"] = "false",
        ["Voting:RateLimiting:Enabled"] = "false",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    public async Task DisposeAsync()
    {
        var all = _nodes.Concat(_killed).ToArray();
        await Task.WhenAll(all.Select(n => n.DisposeAsync().AsTask()));
        if (_azurite is not null) await _azurite.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
