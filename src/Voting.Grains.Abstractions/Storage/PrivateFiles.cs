namespace Voting.Grains.Storage;

/// <summary>
/// The data folder and the files in it (databases, the generated official token, invitation codes) are readable by
/// the service's user only: on Unix, folders made 0700 and files 0600 from the moment they exist.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and its parents) if missing, private when this creates it; an existing folder is left as its owner set it.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, Folder);
    }

    /// <summary>Writes the file through a temporary one, created private, then moved in place: never readable by others, never half-written.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        System.IO.File.Delete(temp); // a leftover keeps its mode: start afresh
        using (var stream = new FileStream(temp, Options(FileMode.CreateNew, FileAccess.Write)))
            stream.Write(bytes);
        System.IO.File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Creates an empty private file if missing and makes an existing one (and its SQLite companions <c>-wal</c>,
    /// <c>-shm</c>, <c>-journal</c>, which SQLite creates with the database file's mode) private.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (new FileStream(path, Options(FileMode.OpenOrCreate, FileAccess.ReadWrite)))
        {
        }
        if (OperatingSystem.IsWindows())
            return;
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (System.IO.File.Exists(file))
                System.IO.File.SetUnixFileMode(file, File);
    }

    private static FileStreamOptions Options(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = File;
        return options;
    }
}
