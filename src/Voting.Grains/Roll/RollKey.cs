using System.Buffers.Binary;

namespace Voting.Grains.Roll;

/// <summary>
/// How the roll keeps a voter in memory: the first 128 bits of their key (the SHA-256 of their invitation code, in
/// hex). 128 random bits tell a million voters apart with a chance of a clash below 10^-26.
/// </summary>
internal static class RollKey
{
    /// <summary>Whether a string has the form of a voter's key: 64 lowercase hex digits.</summary>
    public static bool IsVoterKey(string? value) => value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static UInt128 Of(string voterKey)
    {
        Span<byte> bytes = stackalloc byte[16];
        Convert.FromHexString(voterKey.AsSpan(0, 32), bytes, out _, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
