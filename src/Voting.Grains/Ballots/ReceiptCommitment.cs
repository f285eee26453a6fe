using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Voting.Core.Hashing;

namespace Voting.Grains.Ballots;

/// <summary>
/// A receipt: the first 128 bits, as 32 lowercase hex digits, of SHA-256(election id | 16 random bytes | revision |
/// grades sorted by project). It commits to the ballot without naming the voter, and the random part keeps two
/// equal ballots apart.
/// </summary>
internal static class ReceiptCommitment
{
    private const int RandomBytes = 16;

    /// <summary>
    /// Random bytes drawn a kilobyte at a time: the system's generator costs about as much for 16 bytes as for 1,024,
    /// more than the rest of the receipt.
    /// </summary>
    [ThreadStatic]
    private static byte[]? _random;

    [ThreadStatic]
    private static int _randomLeft;

    public static string New(string electionId, long revision, IReadOnlyDictionary<string, int> grades)
    {
        var projects = grades.Keys.ToArray();
        Array.Sort(projects, StringComparer.Ordinal);
        var length = Encoding.UTF8.GetByteCount(electionId) + 1 + RandomBytes + 8;
        foreach (var project in projects) length += Encoding.UTF8.GetByteCount(project) + 3;

        var rented = length <= 2048 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[2048];
        try
        {
            var at = Encoding.UTF8.GetBytes(electionId, buffer);
            buffer[at++] = (byte)'|';
            NextRandom(buffer.Slice(at, RandomBytes));
            at += RandomBytes;
            BinaryPrimitives.WriteInt64BigEndian(buffer[at..], revision);
            at += 8;
            foreach (var project in projects)
            {
                at += Encoding.UTF8.GetBytes(project, buffer[at..]);
                buffer[at++] = (byte)'=';
                buffer[at++] = (byte)grades[project];
                buffer[at++] = (byte)';';
            }
            Span<byte> hash = stackalloc byte[32];
            ShortSha256.Hash(buffer[..at], hash);
            return Convert.ToHexStringLower(hash[..16]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void NextRandom(Span<byte> destination)
    {
        var random = _random ??= new byte[1024];
        if (_randomLeft < destination.Length)
        {
            RandomNumberGenerator.Fill(random);
            _randomLeft = random.Length;
        }
        var taken = random.AsSpan(random.Length - _randomLeft, destination.Length);
        taken.CopyTo(destination);
        taken.Clear(); // each byte is given once
        _randomLeft -= destination.Length;
    }
}
