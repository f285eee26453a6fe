using System.Security.Cryptography;
using System.Text;
using Voting.Core.Hashing;

namespace Voting.Grains.Elections;

/// <summary>
/// One-time invitation codes: 128 random bits written as 26 characters of Crockford's base32 (no I, L, O, U).
/// Only their SHA-256 is stored; the hash is also the voter's key for the ballot slots.
/// </summary>
public static class InvitationCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 26;

    public static string New()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var value = new UInt128(BitConverter.ToUInt64(random[..8]), BitConverter.ToUInt64(random[8..]));
        Span<char> code = stackalloc char[Length];
        for (int i = Length - 1; i >= 0; i--)
        {
            code[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(code);
    }

    /// <summary>The stored form of a code as a voter types it (case and '-' or spaces ignored); null when it cannot be a code.</summary>
    public static string? Hash(string? code)
    {
        if (code is null || code.Length > 64) return null;
        Span<char> normal = stackalloc char[64];
        int n = 0;
        foreach (var c in code)
        {
            if (c is '-' or ' ') continue;
            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper)) return null;
            normal[n++] = upper;
        }
        if (n != Length) return null;
        Span<byte> bytes = stackalloc byte[Length];
        Encoding.ASCII.GetBytes(normal[..n], bytes);
        Span<byte> hash = stackalloc byte[32];
        ShortSha256.Hash(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>How the roll keeps an official's voter id: hashed with the election id, only to refuse the same id twice.</summary>
    public static string VoterIdHash(string electionId, string voterId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{electionId}\n{voterId}")));
}
