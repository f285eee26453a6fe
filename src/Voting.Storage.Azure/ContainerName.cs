using System.Security.Cryptography;
using System.Text;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// The blob container of a document collection: the prefix and the collection lowercased to the characters a
/// container name allows (a-z, 0-9, single inner hyphens, 3 to 63 long). When that changes or shortens the collection
/// name, a hash of the original is appended so that two collections never share a container.
/// </summary>
internal static class ContainerName
{
    private const int MaxLength = 63;
    private const int HashLength = 8;

    public static string For(string prefix, string collection)
    {
        var sanitized = new StringBuilder(collection.Length);
        foreach (var c in collection.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) sanitized.Append(c);
            else if (sanitized.Length > 0 && sanitized[^1] != '-') sanitized.Append('-');
        }
        var name = sanitized.ToString().TrimEnd('-');
        var joined = prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}-{name}";
        if (name == collection && joined.Length is >= 3 and <= MaxLength) return joined;

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(collection)))[..HashLength];
        var head = joined[..Math.Min(joined.Length, MaxLength - HashLength - 1)].TrimEnd('-');
        return head.Length == 0 ? hash : $"{head}-{hash}";
    }
}
