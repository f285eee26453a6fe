using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Voting.Grains.Storage;

namespace Voting.Web;

/// <summary>The officials' token: from configuration, or generated on first start and kept in the data folder.</summary>
public sealed class AdminToken
{
    public const string FileName = "admin-token";

    private readonly byte[] _hash;

    private AdminToken(string value, string source, bool generated)
    {
        Value = value;
        Source = source;
        Generated = generated;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    public string Value { get; }

    /// <summary>Where the token comes from: the configuration key or the file that holds it.</summary>
    public string Source { get; }

    /// <summary>True when this start generated the token (first start without a configured one).</summary>
    public bool Generated { get; }

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    public static AdminToken Resolve(VotingWebOptions options, DataFolderOptions folder)
    {
        if (!string.IsNullOrWhiteSpace(options.AdminToken))
            return new AdminToken(options.AdminToken.Trim(), "configuration (Voting:AdminToken)", generated: false);
        var dir = folder.FullPath;
        var path = Path.Combine(dir, FileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (stored.Length > 0)
                return new AdminToken(stored, path, generated: false);
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        PrivateFiles.WriteAllBytes(path, Encoding.UTF8.GetBytes(token + "\n"));
        return new AdminToken(token, path, generated: true);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Reads bearer credentials from requests.</summary>
public static class Bearer
{
    /// <summary>The token of an <c>Authorization: Bearer ...</c> header, or null.</summary>
    public static string? From(HttpRequest request)
    {
        StringValues values = request.Headers.Authorization;
        if (values.Count != 1)
            return null;
        var header = values[0];
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
