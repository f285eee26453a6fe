using System.Buffers;
using System.Security.Cryptography;

namespace Voting.Grains.Ballots;

/// <summary><see cref="Voting.Core.Record.BallotChain.Next"/> over an event's canonical bytes already at hand.</summary>
internal static class ChainHash
{
    public static string Next(string previousHash, ReadOnlySpan<byte> canonicalEvent)
    {
        var length = 32 + canonicalEvent.Length;
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        try
        {
            if (Convert.FromHexString(previousHash, buffer[..32], out _, out var written) != OperationStatus.Done || written != 32)
                throw new FormatException($"'{previousHash}' is not a SHA-256 in hex");
            canonicalEvent.CopyTo(buffer[32..]);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer[..length], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
