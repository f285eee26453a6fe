using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Voting.Core.Hashing;

namespace Voting.Core.Record;

/// <summary>
/// The hash chain over the ballot log: the chain starts at SHA-256 of the definition's bytes, and each
/// event's hash is SHA-256 of the previous hash (32 bytes) followed by the event's canonical bytes.
/// </summary>
public static class BallotChain
{
    public static string Genesis(ReadOnlySpan<byte> definitionBytes) => Convert.ToHexStringLower(SHA256.HashData(definitionBytes));

    public static string Next(string previousHash, BallotEvent ballot) => Next(previousHash, CanonicalBytes(ballot));

    /// <summary>The hash after <paramref name="previousHash"/> of an event given by its canonical bytes.</summary>
    public static string Next(string previousHash, ReadOnlySpan<byte> canonicalEvent)
    {
        Span<byte> previous = stackalloc byte[32];
        if (Convert.FromHexString(previousHash, previous, out _, out var written) != OperationStatus.Done || written != 32)
            throw new FormatException($"'{previousHash}' is not a SHA-256 in hex");
        Span<byte> hash = stackalloc byte[32];
        ShortSha256.Hash(previous, canonicalEvent, default, hash);
        return Convert.ToHexStringLower(hash);
    }

    public static byte[] CanonicalBytes(BallotEvent ballot)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteCanonical(buffer, ballot);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Compact JSON, fields in this order, grades sorted by project id (ordinal):
    /// <c>{"sequence":1,"receipt":"…","replaces":null,"envelope":"…","grades":{"p1":3}}</c>.
    /// </summary>
    public static void WriteCanonical(IBufferWriter<byte> output, BallotEvent ballot)
    {
        // A box writes one event after another: a writer per thread, pointed at each output in turn, and the grades
        // sorted in a pooled array, rather than a writer and a sorted sequence allocated per event.
        var writer = _writer ??= new Utf8JsonWriter(output);
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("sequence", ballot.Sequence);
        writer.WriteString("receipt", ballot.Receipt);
        if (ballot.Replaces is null) writer.WriteNull("replaces");
        else writer.WriteString("replaces", ballot.Replaces);
        writer.WriteString("envelope", ballot.Envelope);
        writer.WriteStartObject("grades");
        var grades = ArrayPool<KeyValuePair<string, int>>.Shared.Rent(ballot.Grades.Count);
        try
        {
            int count = 0;
            foreach (var grade in ballot.Grades) grades[count++] = grade;
            grades.AsSpan(0, count).Sort(ByProject);
            foreach (var (project, grade) in grades.AsSpan(0, count))
                writer.WriteNumber(project, grade);
        }
        finally
        {
            ArrayPool<KeyValuePair<string, int>>.Shared.Return(grades, clearArray: true);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
    }

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    private static readonly Comparison<KeyValuePair<string, int>> ByProject = (a, b) => string.CompareOrdinal(a.Key, b.Key);
}
