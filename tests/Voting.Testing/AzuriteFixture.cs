using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Voting.Testing;

/// <summary>
/// Runs Azurite (blob and table, in memory) on free loopback ports for the tests of one collection. Installs it first,
/// from <c>.ci/azurite/package.json</c>, when <c>.ci/azurite/node_modules</c> does not have it yet.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account key.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _azurite;
    private readonly List<string> _output = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var folder = NodePackages.Folder("azurite");
        var script = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        await NodePackages.EnsureInstalledAsync(folder, script);

        int blobPort = FreePort(), tablePort = FreePort(), queuePort = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            script, "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
        })
            start.ArgumentList.Add(argument);
        _azurite = NodePackages.StartOrExplain(start);
        _azurite.OutputDataReceived += (_, e) => Remember(e.Data);
        _azurite.ErrorDataReceived += (_, e) => Remember(e.Data);
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();

        await WaitUntilListeningAsync(blobPort, tablePort);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
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
