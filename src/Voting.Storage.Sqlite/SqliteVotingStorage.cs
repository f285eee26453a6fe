using Voting.Grains.Storage.Sqlite;

namespace Voting.Grains.Storage;

/// <summary>The embedded default: everything in one SQLite file.</summary>
public static class SqliteVotingStorage
{
    /// <summary>
    /// Keeps the ballot logs, voter slots and documents in one SQLite file (WAL), created if missing, and the grains'
    /// state in the same file through Orleans' grain storage.
    /// </summary>
    public static ISiloBuilder UseSqliteVotingStorage(this ISiloBuilder silo, string databasePath)
    {
        silo.Services.UseVotingStorage(_ => new SqliteStorage(databasePath));
        return silo.AddSqliteGrainStorage(VotingStorage.GrainStorage, databasePath);
    }
}
