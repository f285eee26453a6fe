namespace Voting.Benchmarks.Allocation;

/// <summary>
/// The real Pabulib instances kept outside the repository: a <c>shared/pabulib</c> folder in a directory above the
/// benchmark binaries, or the folder <c>PABULIB_DIR</c> names.
/// </summary>
public static class PabulibInstances
{
    public const string PragaPoludnie = "Poland_Warszawa_2020_Praga-Poludnie.pb";

    /// <summary>The path of <paramref name="name"/>, or null when it cannot be found.</summary>
    public static string? Find(string name)
    {
        if (Environment.GetEnvironmentVariable("PABULIB_DIR") is { Length: > 0 } folder)
            return File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "pabulib", name);
            if (File.Exists(path))
                return path;
        }
        return null;
    }
}
