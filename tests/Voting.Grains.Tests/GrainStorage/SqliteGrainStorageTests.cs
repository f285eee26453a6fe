using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Voting.Grains.Storage.Sqlite;

namespace Voting.Grains.Tests.GrainStorage;

public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "voting-grain-state-" + Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_folder, "nested", "voting.db");

    protected override void AddStorage(ISiloBuilder silo, string name) => silo.AddSqliteGrainStorage(name, Database);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_clear_deletes_the_row_and_leaves_no_ETag()
    {
        var grain = NewGrain();
        var state = await WriteNewAsync(grain, Note("first"));
        Assert.Equal(1, CountRows());

        await ClearAsync(grain, state);

        Assert.Null(state.ETag);
        Assert.Equal(0, CountRows());
    }

    [Fact]
    public async Task A_clear_without_the_stored_ETag_is_refused()
    {
        var grain = NewGrain();
        await WriteNewAsync(grain, Note("first"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => ClearAsync(grain, new GrainState<NoteState>(new NoteState())));

        Assert.True((await ReadAsync(grain)).RecordExists);
    }

    [Fact]
    public async Task The_grain_state_shares_the_database_file_with_the_ballot_log_and_documents()
    {
        await using var documents = new SqliteStorage(Database);
        await documents.WriteAsync("collection", "key", [1, 2, 3], expectedETag: null);
        var grain = NewGrain();
        await WriteNewAsync(grain, Note("beside the documents"));

        Assert.Equal([1, 2, 3], (await documents.ReadAsync("collection", "key"))!.Data);
        AssertNote(Note("beside the documents"), (await ReadAsync(grain)).State);
    }

    private long CountRows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state";
        return (long)command.ExecuteScalar()!;
    }
}
