using System.Security.Cryptography;
using FsCheck.Xunit;
using Voting.Core.Hashing;

namespace Voting.Core.Tests.Hashing;

/// <summary>
/// The short hash against .NET's own SHA-256 of the same bytes, whole and in parts, across block boundaries: the way
/// it takes here, and the copying way it takes where OpenSSL's low-level functions cannot be called.
/// </summary>
public class ShortSha256Properties
{
    private delegate void ThreeParts(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination);

    private static readonly ThreeParts[] Ways = [ShortSha256.Hash, ShortSha256.HashCopied];

    [Property(MaxTest = 500)]
    public bool A_message_hashes_as_SHA256_does(byte[] message)
    {
        var hash = new byte[32];
        ShortSha256.Hash(message, hash);
        return hash.AsSpan().SequenceEqual(SHA256.HashData(message)) && HashesAsConcatenation(message, [], []);
    }

    [Property(MaxTest = 500)]
    public bool Three_parts_hash_as_their_concatenation_does(byte[] a, byte[] c, byte padding)
    {
        // A middle part of 55 bytes and more crosses the 64-byte blocks and the 56-byte padding limit, where FsCheck's arrays are short.
        var b = Enumerable.Range(0, 55 + padding).Select(i => (byte)(i * 31 + padding)).ToArray();
        return HashesAsConcatenation(a, b, c);
    }

    [Property(MaxTest = 500)]
    public bool Two_parts_hash_as_their_concatenation_does(byte[] a, byte[] b) => HashesAsConcatenation(a, b, []);

    [Fact]
    public void The_copying_way_takes_messages_longer_than_its_buffer()
    {
        var small = new byte[32];
        ShortSha256.HashCopied(new byte[10], [], [], small); // the thread's buffer, if it had none, is made at 1 KiB
        var message = Enumerable.Range(0, 5000).Select(i => (byte)(i * 13)).ToArray();
        var hash = new byte[32];
        ShortSha256.HashCopied(message.AsSpan(0, 3000), message.AsSpan(3000), [], hash);
        Assert.Equal(SHA256.HashData(message), hash);
    }

    private static bool HashesAsConcatenation(byte[] a, byte[] b, byte[] c)
    {
        var expected = SHA256.HashData([.. a, .. b, .. c]);
        var hash = new byte[32];
        foreach (var way in Ways)
        {
            way(a, b, c, hash);
            if (!hash.AsSpan().SequenceEqual(expected)) return false;
        }
        return true;
    }
}
