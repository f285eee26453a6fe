using System.Diagnostics;
using System.Text.Json;

namespace Voting.Core.Tests.Pabulib;

/// <summary>
/// Pabulib's own validator (the Python package of pabulib/checker), kept outside the repository in
/// <c>shared/tools/pabulib-checker</c> next to the checkout, found by walking up from the test binaries as
/// <see cref="PabulibFolder"/> does. It needs python3 with pycountry (Debian: <c>python3-pycountry</c>).
/// </summary>
public static class PabulibChecker
{
    private static readonly Lazy<string?> Folder = new(Locate);
    private static readonly Lazy<string?> Python = new(FindPython);

    /// <summary>Why the checker cannot run here, or null when it can.</summary>
    public static string? MissingReason =>
        Folder.Value is null ? "Pabulib's checker (shared/tools/pabulib-checker next to the repository) is not available"
        : Python.Value is null ? "python3 with pycountry (Debian: python3-pycountry) is not installed"
        : null;

    /// <summary>The errors and warnings the checker reports for each file, by file name without extension.</summary>
    public static IReadOnlyDictionary<string, CheckerReport> Check(IEnumerable<string> files)
    {
        if (MissingReason is { } reason)
            throw new InvalidOperationException(reason);
        const string script = """
            import contextlib, json, sys
            sys.path.insert(0, sys.argv[1])
            from pabulib.checker import Checker
            with contextlib.redirect_stdout(sys.stderr):
                results = Checker().process_files(sys.argv[2:])
            print(json.dumps(results, ensure_ascii=False))
            """;
        var (exit, output, error) = Run(Python.Value!, ["-c", script, Folder.Value!, .. files]);
        if (exit != 0)
            throw new InvalidOperationException($"the checker failed (exit code {exit}): {error}");
        using var json = JsonDocument.Parse(output);
        var reports = new Dictionary<string, CheckerReport>(StringComparer.Ordinal);
        foreach (var file in json.RootElement.EnumerateObject())
        {
            if (file.Name is "metadata" or "summary")
                continue;
            var results = file.Value.GetProperty("results");
            reports[file.Name] = new CheckerReport(Messages(results, "errors"), Messages(results, "warnings"));
        }
        return reports;
    }

    private static IReadOnlyList<string> Messages(JsonElement results, string level)
    {
        if (!results.TryGetProperty(level, out var byType))
            return [];
        return byType.EnumerateObject()
            .SelectMany(type => type.Value.EnumerateObject().Select(detail => $"{type.Name}: {detail.Value}"))
            .ToArray();
    }

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "tools", "pabulib-checker"), Path.Combine(dir.FullName, "..", "shared", "tools", "pabulib-checker") })
                if (File.Exists(Path.Combine(candidate, "pabulib", "checker.py")))
                    return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>Debian's python3 first (pycountry comes from its package), else the first python3 on the PATH.</summary>
    private static string? FindPython()
    {
        foreach (var python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                if (Run(python, ["-c", "import pycountry"]).Exit == 0)
                    return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }
        return null;
    }

    private static (int Exit, string Output, string Error) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}

/// <summary>What the checker says about one file: error and warning messages, each prefixed by its type.</summary>
public sealed record CheckerReport(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>A fact that reports itself skipped, not passed, when Pabulib's checker cannot run.</summary>
public sealed class PabulibCheckerFactAttribute : FactAttribute
{
    public PabulibCheckerFactAttribute()
    {
        if (PabulibChecker.MissingReason is { } reason)
            Skip = reason;
    }
}
