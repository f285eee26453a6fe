using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Voting.Web.Tests;

/// <summary>The officials' accounts as the host stored them, read from its SQLite file.</summary>
public static partial class StoredOfficials
{
    /// <summary>The officials grain's stored state, as text.</summary>
    public static async Task<string> State(string dataDir)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "voting.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM grain_state WHERE state_name = 'officials'";
        var data = await command.ExecuteScalarAsync() as byte[] ?? throw new Xunit.Sdk.XunitException("no officials state stored");
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Whether one of the password hashes in the state verifies <paramref name="password"/>.</summary>
    public static bool HasHashOf(string userName, string password, string state)
    {
        var hasher = new PasswordHasher<string>();
        return IdentityHash().Matches(state).Any(hash => hasher.VerifyHashedPassword(userName, hash.Value, password) != PasswordVerificationResult.Failed);
    }

    /// <summary>An ASP.NET Core Identity version 3 hash: base64 of a leading 0x01 byte and the salted PBKDF2 output.</summary>
    [GeneratedRegex("AQAAAA[A-Za-z0-9+/]{40,}={0,2}")]
    private static partial Regex IdentityHash();
}
