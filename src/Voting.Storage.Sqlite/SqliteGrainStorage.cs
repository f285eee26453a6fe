using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>
/// Orleans grain storage in a SQLite file: one row of <c>grain_state</c> per service, grain and state name, holding
/// the state as the <see cref="IGrainStorageSerializer"/> writes it and an ETag that changes on every write.
/// Concurrency is Orleans' own: a write or a clear must carry the stored ETag (none for a record that does not
/// exist yet), or it fails with <see cref="InconsistentStateException"/>. A clear deletes the row and leaves the
/// state as it was never written: default value, no ETag, <see cref="IGrainState{T}.RecordExists"/> false.
/// </summary>
/// <remarks>
/// The file is written and read as <see cref="SqliteFile"/> says, opened when the silo starts
/// (<see cref="ServiceLifecycleStage.ApplicationServices"/>) and closed when it stops.
/// </remarks>
public sealed class SqliteGrainStorage(
    string name, SqliteGrainStorageOptions options, IOptions<ClusterOptions> clusterOptions, IActivatorProvider activatorProvider)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            service_id TEXT NOT NULL, grain_id TEXT NOT NULL, state_name TEXT NOT NULL, etag TEXT NOT NULL, data BLOB NOT NULL,
            PRIMARY KEY (service_id, grain_id, state_name));
        """;

    private const string Key = "service_id = $service AND grain_id = $grain AND state_name = $state";

    private readonly string _serviceId = clusterOptions.Value.ServiceId;
    private SqliteFile? _file;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await Database.OpenReaderAsync(CancellationToken.None);
        await using var command = Command(connection, "SELECT data, etag FROM grain_state WHERE " + Key, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            Reset(grainState);
            return;
        }
        grainState.State = options.GrainStorageSerializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
        grainState.ETag = reader.GetString(1);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var etag = Guid.NewGuid().ToString("N");
        await Database.OnWriterAsync(writer =>
        {
            using var command = Command(writer, grainState.ETag is null
                ? "INSERT INTO grain_state (service_id, grain_id, state_name, etag, data) VALUES ($service, $grain, $state, $etag, $data) ON CONFLICT DO NOTHING"
                : "UPDATE grain_state SET etag = $etag, data = $data WHERE " + Key + " AND etag = $expected",
                stateName, grainId);
            command.Parameters.AddWithValue("$etag", etag);
            command.Parameters.AddWithValue("$data", data);
            if (grainState.ETag is not null) command.Parameters.AddWithValue("$expected", grainState.ETag);
            if (command.ExecuteNonQuery() == 0)
                throw Conflict<T>("WriteState", stateName, grainId, StoredETag(writer, stateName, grainId), grainState.ETag);
        });
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Database.OnWriterAsync(writer =>
        {
            using var command = Command(writer, "DELETE FROM grain_state WHERE " + Key + " AND etag IS $expected", stateName, grainId);
            command.Parameters.AddWithValue("$expected", (object?)grainState.ETag ?? DBNull.Value);
            // Nothing deleted: fine if there was nothing to delete, a conflict if the stored record has another ETag.
            if (command.ExecuteNonQuery() == 0 && StoredETag(writer, stateName, grainId) is { } stored)
                throw Conflict<T>("ClearState", stateName, grainId, stored, grainState.ETag);
        });
        Reset(grainState);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(name), ServiceLifecycleStage.ApplicationServices, OpenAsync, CloseAsync);

    private Task OpenAsync(CancellationToken cancellationToken)
    {
        _file = new SqliteFile(options.DatabasePath, Schema);
        return Task.CompletedTask;
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_file is not null) await _file.DisposeAsync();
    }

    private SqliteFile Database => _file ?? throw NotStarted();

    private SqliteCommand Command(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$state", stateName);
        return command;
    }

    private string? StoredETag(SqliteConnection writer, string stateName, GrainId grainId)
    {
        using var command = Command(writer, "SELECT etag FROM grain_state WHERE " + Key, stateName, grainId);
        return command.ExecuteScalar() as string;
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict<T>(string operation, string stateName, GrainId grainId, string? storedETag, string? currentETag) =>
        new($"Version conflict ({operation}): ServiceId={_serviceId} ProviderName={name} GrainType={typeof(T)} GrainId={grainId} StateName={stateName}.",
            storedETag ?? "(none)", currentETag ?? "(none)");

    private InvalidOperationException NotStarted() =>
        new($"The SQLite grain storage '{name}' is not open: it opens when the silo starts.");
}
