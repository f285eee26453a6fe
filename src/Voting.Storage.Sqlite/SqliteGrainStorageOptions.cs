using Orleans.Storage;

namespace Voting.Grains.Storage.Sqlite;

/// <summary>Options of a <see cref="SqliteGrainStorage"/>.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>The database file, created with its folder if missing. It may be the file the ballot log is in.</summary>
    public required string DatabasePath { get; set; }

    /// <inheritdoc />
    public required IGrainStorageSerializer GrainStorageSerializer { get; set; }
}
