using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Voting.Core.Hashing;

/// <summary>
/// SHA-256 of a short message, given whole or in up to three parts (the ballot chain hashes the previous hash, the
/// event's bytes and a closing brace), as the ballot path needs it several times per ballot: for the voter's code, the
/// receipt and the chain. <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> costs about a third of a
/// microsecond per call on Linux (OpenSSL 3 sets up a digest context each time), several times more than hashing a
/// few hundred bytes; where OpenSSL's low-level SHA-256 functions can be called they are used instead (checked once
/// against the managed result), else the parts are copied and hashed the usual way.
/// </summary>
public static class ShortSha256
{
    private static readonly bool Native = Probe();

    [ThreadStatic]
    private static byte[]? _context;

    [ThreadStatic]
    private static byte[]? _buffer;

    public static void Hash(ReadOnlySpan<byte> message, Span<byte> destination) => Hash(message, default, default, destination);

    public static void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination)
    {
        if (Native) HashLowLevel(a, b, c, destination);
        else HashCopied(a, b, c, destination);
    }

    private static void HashLowLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination)
    {
        var context = _context ??= new byte[256];
        LowLevel.SHA256_Init(context);
        if (!a.IsEmpty) LowLevel.SHA256_Update(context, ref MemoryMarshal.GetReference(a), (nuint)a.Length);
        if (!b.IsEmpty) LowLevel.SHA256_Update(context, ref MemoryMarshal.GetReference(b), (nuint)b.Length);
        if (!c.IsEmpty) LowLevel.SHA256_Update(context, ref MemoryMarshal.GetReference(c), (nuint)c.Length);
        LowLevel.SHA256_Final(ref MemoryMarshal.GetReference(destination), context);
    }

    /// <summary>The parts copied into one buffer and hashed by .NET: where the low-level functions cannot be called.</summary>
    internal static void HashCopied(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> destination)
    {
        int length = a.Length + b.Length + c.Length;
        var buffer = _buffer;
        if (buffer is null || buffer.Length < length) _buffer = buffer = new byte[Math.Max(1024, length * 2)];
        a.CopyTo(buffer);
        b.CopyTo(buffer.AsSpan(a.Length));
        c.CopyTo(buffer.AsSpan(a.Length + b.Length));
        SHA256.HashData(buffer.AsSpan(0, length), destination);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var message = new byte[300];
            for (int i = 0; i < message.Length; i++) message[i] = (byte)(i * 7 + 3);
            var context = new byte[256];
            var native = new byte[32];
            LowLevel.SHA256_Init(context);
            LowLevel.SHA256_Update(context, ref message[0], 100);
            LowLevel.SHA256_Update(context, ref message[100], 200);
            LowLevel.SHA256_Final(ref native[0], context);
            return native.AsSpan().SequenceEqual(SHA256.HashData(message));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    private static class LowLevel
    {
        private const string Library = "libcrypto.so.3";

        [DllImport(Library)]
        public static extern int SHA256_Init(byte[] context);

        [DllImport(Library)]
        public static extern int SHA256_Update(byte[] context, ref byte data, nuint length);

        [DllImport(Library)]
        public static extern int SHA256_Final(ref byte digest, byte[] context);
    }
}
