namespace Voting.Core.Tests.Pabulib;

/// <summary>
/// The real Pabulib instances kept outside the repository (<c>shared/pabulib</c> next to the checkout). Found by
/// walking up from the test binaries; <c>PABULIB_DIR</c> overrides. Never copied into the repository.
/// </summary>
public static class PabulibFolder
{
    private static readonly Lazy<string?> Located = new(Locate);

    public static string? Path => Located.Value;

    public static bool Exists => Path is not null;

    public const string MissingReason = "the Pabulib instances (shared/pabulib next to the repository) are not available";

    public static string File(string name) =>
        System.IO.Path.Combine(Path ?? throw new InvalidOperationException(MissingReason), name);

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("PABULIB_DIR") is { Length: > 0 } fromEnv)
            return Directory.Exists(fromEnv) ? fromEnv : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { System.IO.Path.Combine(dir.FullName, "shared", "pabulib"), System.IO.Path.Combine(dir.FullName, "..", "shared", "pabulib") })
                if (System.IO.File.Exists(System.IO.Path.Combine(candidate, "expected_winners.json")))
                    return System.IO.Path.GetFullPath(candidate);
        }
        return null;
    }
}

/// <summary>A fact that reports itself skipped, not passed, when the Pabulib instances are absent.</summary>
public sealed class PabulibFactAttribute : FactAttribute
{
    public PabulibFactAttribute()
    {
        if (!PabulibFolder.Exists)
            Skip = PabulibFolder.MissingReason;
    }
}

/// <summary>A theory that reports itself skipped, not passed, when the Pabulib instances are absent.</summary>
public sealed class PabulibTheoryAttribute : TheoryAttribute
{
    public PabulibTheoryAttribute()
    {
        if (!PabulibFolder.Exists)
            Skip = PabulibFolder.MissingReason;
    }
}
