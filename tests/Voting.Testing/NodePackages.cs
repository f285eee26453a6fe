using System.Diagnostics;

namespace Voting.Testing;

/// <summary>
/// The Node.js tools the tests run, each pinned in a folder of <c>.ci/</c> (package.json and package-lock.json) that
/// <c>scripts/test.sh</c> installs; a test installs its folder itself when it is not installed yet.
/// </summary>
public static class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary><c>.ci/<paramref name="name"/></c> of this repository.</summary>
    public static string Folder(string name) => Path.Combine(RepositoryRoot(), ".ci", name);

    /// <summary>Why the tools cannot run here (no <c>node</c> or <c>npm</c> on PATH), or null when they can.</summary>
    public static string? MissingReason { get; } = Missing("node") ?? Missing("npm");

    /// <summary>Installs <paramref name="folder"/>'s packages (exactly its lock file's, when it has one) unless <paramref name="installed"/> exists.</summary>
    public static async Task EnsureInstalledAsync(string folder, string installed)
    {
        if (File.Exists(installed))
            return;
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

    public static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"These tests need Node.js and npm on PATH (scripts/test.sh installs them): could not start '{start.FileName}' ({e.Message}).", e);
        }
    }

    private static string? Missing(string program)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return $"'{program}' could not be started";
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"'{program} --version' exited with code {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"'{program}' is not installed (scripts/test.sh installs Node.js and npm)";
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Voting.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"No Voting.sln above {AppContext.BaseDirectory}.");
    }
}
