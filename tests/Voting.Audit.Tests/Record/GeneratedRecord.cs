using System.CommandLine;

namespace Voting.Audit.Tests.Record;

/// <summary>A small real record (seeded simulation, 2 envelopes, revotes), written once for a test class.</summary>
public abstract class GeneratedRecord : IDisposable
{
    protected GeneratedRecord(string name, SyntheticElection election)
    {
        Folder = Path.Combine(Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N")[..12]);
        var definition = RecordGenerator.Definition(name, envelopes: 2, projects: 6, grades: 5);
        RecordGenerator.WriteFolderAsync(Folder, definition, election).GetAwaiter().GetResult();
    }

    public string Folder { get; }

    public string Copy()
    {
        var copy = Folder + "-" + Guid.NewGuid().ToString("N")[..6];
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(Folder))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    public void Dispose()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Path.GetFileName(Folder) + "*"))
            Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the tool's verify and recount commands in this process, capturing what they print.</summary>
    public static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand { VerifyCommand.Create(), RecountCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

/// <summary>One ballot box.</summary>
public sealed class AuditRecord() : GeneratedRecord("audit-sample", new SyntheticElection(1500, Seed: 5, RevoteShare: 0.2));

/// <summary>Three ballot boxes.</summary>
public sealed class BoxedAuditRecord() : GeneratedRecord("audit-boxes", new SyntheticElection(1200, Seed: 8, RevoteShare: 0.2, Boxes: BoxCount))
{
    public const int BoxCount = 3;
}
