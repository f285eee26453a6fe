using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Voting.Testing;

/// <summary>
/// The real <c>Voting.Host</c> executable, started as a process on free loopback ports with its own data folder,
/// as a newcomer or an acceptance check runs it; stopped (and its folder removed) on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsDataDir;

    private HostProcess(Process process, Uri baseAddress, string dataDir, bool ownsDataDir)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public string DataDir { get; }

    public HttpClient Client { get; }

    /// <summary>The host's process id, to read its memory.</summary>
    public int ProcessId => _process.Id;

    /// <summary>From process start to the first answer of <c>GET /api/elections</c> that satisfied the readiness check.</summary>
    public TimeSpan TimeToReady { get; private set; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "voting-web-tests", Guid.NewGuid().ToString("n"));

    /// <param name="settings">Configuration passed on the command line (<c>--Key=value</c>).</param>
    /// <param name="ready">When the host counts as ready, given the body of <c>GET /api/elections</c>; default: any 200.</param>
    /// <param name="hostDll">Another <c>Voting.Host.dll</c> (a publish folder's); default: the one built beside the sources.</param>
    public static async Task<HostProcess> Start(
        IDictionary<string, string>? settings = null,
        string? dataDir = null,
        Func<string, bool>? ready = null,
        TimeSpan? timeout = null,
        string? hostDll = null)
    {
        var ownsDataDir = dataDir is null;
        dataDir ??= NewDataDir();
        Directory.CreateDirectory(dataDir);
        var httpPort = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{httpPort}");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(hostDll ?? HostDll());
        var all = new Dictionary<string, string>
        {
            ["urls"] = baseAddress.ToString().TrimEnd('/'),
            ["Voting:DataDir"] = dataDir,
            ["Voting:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Voting:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Voting:ParentProcessId"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;
        foreach (var (key, value) in all)
            start.ArgumentList.Add($"--{key}={value}");
        start.Environment.Remove("Voting__AdminToken");
        start.Environment.Remove("ASPNETCORE_URLS");

        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        var host = new HostProcess(process, baseAddress, dataDir, ownsDataDir);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = timeout ?? TimeSpan.FromSeconds(60);
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (stopwatch.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                await host.DisposeAsync();
                throw new InvalidOperationException($"the host exited with code {process.ExitCode}:\n{host.Output}");
            }
            try
            {
                using var response = await probe.GetAsync("/api/elections");
                if (response.StatusCode == HttpStatusCode.OK && (ready is null || ready(await response.Content.ReadAsStringAsync())))
                {
                    host.TimeToReady = stopwatch.Elapsed;
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        var output = host.Output;
        await host.DisposeAsync();
        throw new TimeoutException($"the host was not ready within {deadline.TotalSeconds} s:\n{output}");
    }

    /// <summary>A new client of this host without credentials; dispose it.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A new client of this host that sends <paramref name="token"/> (an official's or an invitation code) as its bearer; dispose it.</summary>
    public HttpClient WithBearer(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Waits until the host's console shows <paramref name="text"/>.</summary>
    public async Task<bool> WaitForOutput(string text, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return true;
            await Task.Delay(50);
        }
        return false;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash or a pulled plug would: nothing is flushed, no peer is told.</summary>
    public async Task Kill()
    {
        if (!_process.HasExited) _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Stops the host (Ctrl+C-like, then killed if it lingers), keeping the data folder unless this process made it.</summary>
    public async Task Stop()
    {
        Client.Dispose();
        if (_process.HasExited)
            return;
        try
        {
            // SIGTERM: the generic host shuts down gracefully.
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception)
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        _process.Dispose();
        if (_ownsDataDir)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built host beside the sources (same configuration as these tests), else the copy in the test output.</summary>
    private static string HostDll() => BuiltDll("Voting.Host", "Voting.Host.dll");

    /// <summary>
    /// The entry assembly <paramref name="dll"/> of the project src/<paramref name="project"/> as built beside the sources
    /// (same configuration as these tests), else its copy in the test output.
    /// </summary>
    public static string BuiltDll(string project, string dll)
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Voting.sln")))
            {
                var built = Path.Combine(dir.FullName, "src", project, "bin", configuration, "net10.0", dll);
                if (File.Exists(built))
                    return built;
                break;
            }
        }
        var copy = Path.Combine(AppContext.BaseDirectory, dll);
        if (File.Exists(copy) && File.Exists(Path.Combine(AppContext.BaseDirectory, Path.ChangeExtension(dll, ".runtimeconfig.json"))))
            return copy;
        throw new FileNotFoundException($"{dll} not found: build src/{project} first");
    }
}
