namespace Voting.Web.Tests.Abuse;

/// <summary>The data folder the host creates, its database files and the generated official token are readable by the service's user only.</summary>
public sealed class PrivateDataFilesTests
{
    [Fact]
    public async Task Data_files_are_private_to_the_service_user()
    {
        if (OperatingSystem.IsWindows())
            return;
        var parent = HostProcess.NewDataDir();
        var dataDir = Path.Combine(parent, "data");
        try
        {
            // No configured token: the host generates one and keeps it in the folder it creates.
            await using (var host = await HostProcess.Start(new Dictionary<string, string>
                         {
                             ["Voting:DataDir"] = dataDir,
                             ["Voting:LoadSeeds"] = "false",
                         }, dataDir: parent))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
                var files = Directory.GetFiles(dataDir);
                Assert.Contains(Path.Combine(dataDir, "admin-token"), files);
                Assert.Contains(Path.Combine(dataDir, "voting.db"), files);
                Assert.Contains(Path.Combine(dataDir, "voting.db-wal"), files);
                foreach (var file in files)
                    Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file}: {File.GetUnixFileMode(file)}");
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
