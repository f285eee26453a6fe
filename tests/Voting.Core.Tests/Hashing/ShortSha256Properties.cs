using System.Security.Cryptography;
using FsCheck.Xunit;
using Voting.Core.Hashing;

namespace Voting.Core.Tests.Hashing;

/// <summary>The short hash against .NET's own SHA-256 of the same bytes, whole and in parts, across block boundaries.</summary>
public class ShortSha256Properties
{
    [Property(MaxTest = 500)]
    public bool A_message_hashes_as_SHA256_does(byte[] message)
    {
        var hash = new byte[32];
        ShortSha256.Hash(message, hash);
        return hash.AsSpan().SequenceEqual(SHA256.HashData(message));
    }

    [Property(MaxTest = 500)]
    public bool Three_parts_hash_as_their_concatenation_does(byte[] a, byte[] c, byte padding)
    {
        // A middle part of 55 bytes and more crosses the 64-byte blocks and the 56-byte padding limit, where FsCheck's arrays are short.
        var b = Enumerable.Range(0, 55 + padding).Select(i => (byte)(i * 31 + padding)).ToArray();
        var hash = new byte[32];
        ShortSha256.Hash(a, b, c, hash);
        return hash.AsSpan().SequenceEqual(SHA256.HashData([.. a, .. b, .. c]));
    }

    [Property(MaxTest = 500)]
    public bool Two_parts_hash_as_their_concatenation_does(byte[] a, byte[] b)
    {
        var hash = new byte[32];
        ShortSha256.Hash(a, b, default, hash);
        return hash.AsSpan().SequenceEqual(SHA256.HashData([.. a, .. b]));
    }
}
