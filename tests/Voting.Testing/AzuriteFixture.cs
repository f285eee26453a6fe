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
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private Process? _azurite;
    private readonly List<string> _output = [];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), ".ci", "azurite");
        var script = Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script)) await InstallAsync(folder);

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
        _azurite = StartOrExplain(start);
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

    private static async Task InstallAsync(string folder)
    {
        var command = File.Exists(Path.Combine(folder, "package-lock.json")) ? "ci" : "install";
        var install = new ProcessStartInfo("npm", [command, "--no-audit", "--no-fund", "--prefix", folder])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = StartOrExplain(install);
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        await npm.WaitForExitAsync(timeout.Token);
        if (npm.ExitCode != 0)
            throw new InvalidOperationException($"'npm {command}' in {folder} failed with code {npm.ExitCode}:\n{await output}\n{await errors}");
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The Azure storage tests run Azurite, which needs Node.js and npm on PATH: could not start '{start.FileName}' ({e.Message}).", e);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Voting.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"No Voting.sln above {AppContext.BaseDirectory}.");
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
