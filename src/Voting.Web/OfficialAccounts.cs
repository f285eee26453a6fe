using Microsoft.AspNetCore.Identity;
using Voting.Core.Trail;
using Voting.Grains.Contracts;
using Voting.Grains.Interfaces;

namespace Voting.Web;

/// <summary>
/// Checks officials' user names and passwords against their accounts' hashes (ASP.NET Core Identity's password hasher).
/// The first administrator, <c>admin</c>, is added on first use with the official token as password. The officials
/// grain records every account added in the accounts' audit trail.
/// </summary>
public sealed class OfficialAccounts(IGrainFactory grains, AdminToken token)
{
    public const string FirstAdministrator = "admin";

    private readonly PasswordHasher<string> _hasher = new();
    private readonly string _missing = new PasswordHasher<string>().HashPassword("", Guid.NewGuid().ToString("n"));

    private IOfficialsGrain Officials => grains.GetGrain<IOfficialsGrain>(0);

    /// <summary>
    /// The account when the password is its own; null otherwise, without telling which of the two was wrong. The first
    /// sign-in as <c>admin</c> adds that account, recorded as added by <c>admin</c> from <paramref name="address"/>.
    /// </summary>
    public async Task<OfficialAccount?> Verify(string userName, string password, string address)
    {
        var account = await Find(userName.Trim(), address);
        var result = _hasher.VerifyHashedPassword(account?.UserName ?? "", account?.PasswordHash ?? _missing, password);
        return account is not null && result != PasswordVerificationResult.Failed ? account : null;
    }

    /// <summary>The shortest password a new account may have.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Adds an observer's account, as <paramref name="actor"/> asks; false when the user name is taken.</summary>
    public Task<bool> AddObserver(string userName, string password, Actor actor) =>
        Officials.Add(new OfficialAccount(userName, OfficialRole.Observer, _hasher.HashPassword(userName, password)), actor);

    /// <summary>The changes of accounts, in the order they were made.</summary>
    public Task<IReadOnlyList<TrailEntry>> Trail() => Officials.Trail();

    /// <summary>Every account's role by user name.</summary>
    public Task<IReadOnlyList<KeyValuePair<string, OfficialRole>>> Roles() => Officials.Roles();

    /// <summary>A user name of letters, digits, dots, dashes or underscores, at most 64 characters.</summary>
    public static bool IsValidUserName(string userName) =>
        userName.Length is > 0 and <= 64 && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private async Task<OfficialAccount?> Find(string userName, string address)
    {
        if (await Officials.Find(userName) is { } account)
            return account;
        if (!string.Equals(userName, FirstAdministrator, StringComparison.OrdinalIgnoreCase))
            return null;
        await Officials.AddFirst(new OfficialAccount(FirstAdministrator, OfficialRole.Administrator, _hasher.HashPassword(FirstAdministrator, token.Value)),
            new Actor(FirstAdministrator, address));
        return await Officials.Find(userName);
    }
}
