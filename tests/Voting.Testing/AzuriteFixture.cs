using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Voting.Testing;

/// <summary>
/// Runs Azurite (blob and table, in memory) on free loopback ports for the tests of one collection. Installs it first,
/// from <c>.ci/azurite/package.json</c>, when <c>.ci/azurite/node_modules</c> does not have it yet.
/// <see cref="OnDisk"/> keeps the data in a folder instead, so that <see cref="Stop"/> and <see cref="Start"/> make a
/// storage outage: the same ports and the same data before and after.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account key.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _location;
    private Process? _azurite;
    private readonly List<string> _output = [];
    private string _folder = "", _script = "";
    private int _blobPort, _tablePort, _queuePort;

    public AzuriteFixture() : this(null)
    {
    }

    private AzuriteFixture(string? location) => _location = location;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A started Azurite that keeps its data in <paramref name="location"/>; the caller disposes it.</summary>
    public static async Task<AzuriteFixture> OnDisk(string location)
    {
        Directory.CreateDirectory(location);
        var azurite = new AzuriteFixture(location);
        try
        {
            await azurite.InitializeAsync();
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        _folder = NodePackages.Folder("azurite");
        _script = Path.Combine(_folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        await NodePackages.EnsureInstalledAsync(_folder, _script);

        (_blobPort, _tablePort, _queuePort) = (FreePort(), FreePort(), FreePort());
        await Start();
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";
    }

    /// <summary>Starts Azurite (again) on its ports.</summary>
    public async Task Start()
    {
        if (_azurite is { HasExited: false }) throw new InvalidOperationException("Azurite is running");
        _azurite?.Dispose();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] persistence = _location is null ? ["--inMemoryPersistence"] : ["--location", _location];
        foreach (var argument in new[]
        {
            _script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
        }.Concat(persistence))
            start.ArgumentList.Add(argument);
        _azurite = NodePackages.StartOrExplain(start);
        _azurite.OutputDataReceived += (_, e) => Remember(e.Data);
        _azurite.ErrorDataReceived += (_, e) => Remember(e.Data);
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();
        await WaitUntilListeningAsync(_blobPort, _tablePort);
    }

    /// <summary>Stops Azurite as its service would be stopped (SIGTERM: it saves its data and closes its ports), killing it if it lingers.</summary>
    public async Task Stop()
    {
        if (_azurite is null || _azurite.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _azurite.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _azurite.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _azurite.Kill(entireProcessTree: true);
            await _azurite.WaitForExitAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_azurite is null) return;
        if (!_azurite.HasExited) _azurite.Kill(entireProcessTree: true);
        await _azurite.WaitForExitAsync();
        _azurite.Dispose();
    }

    private async Task WaitUntilListeningAsync(params int[] ports)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (true)
            {
                if (_azurite!.HasExited)
                    throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode}:\n{Output()}");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
                catch (SocketException)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {StartTimeout}:\n{Output()}");
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    private string Output()
    {
        lock (_output) return string.Join('\n', _output);
    }
}
