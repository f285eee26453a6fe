using Microsoft.Data.Sqlite;
using Voting.Grains.Storage.Sqlite;

namespace Voting.Grains.Tests.Storage;

public sealed class SqliteStorageTests : StorageConformanceTests<SqliteStorage>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override SqliteStorage CreateStore() => new(Path.Combine(_folder, "nested", "voting.db"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_database_is_in_WAL_mode()
    {
        await using var store = CreateStore();
        var header = await File.ReadAllBytesAsync(Path.Combine(_folder, "nested", "voting.db"));
        Assert.Equal(2, header[18]); // file format write version: 2 = WAL
    }

    [Fact]
    public async Task The_probe_fails_while_the_file_cannot_be_opened_at_its_path()
    {
        var store = Open();
        await store.ProbeAsync(CancellationToken.None);
        var nested = Path.Combine(_folder, "nested");
        Directory.Move(nested, nested + "-moved");
        try
        {
            await Assert.ThrowsAsync<SqliteException>(() => store.ProbeAsync(CancellationToken.None));
        }
        finally
        {
            Directory.Move(nested + "-moved", nested);
        }
        await store.ProbeAsync(CancellationToken.None);
    }
}
