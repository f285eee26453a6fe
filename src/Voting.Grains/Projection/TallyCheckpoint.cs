using Voting.Core.Elections;

namespace Voting.Grains.Projection;

/// <summary>
/// The tallies saved with the log position and chain head they reflect, so that an activation replays only the
/// events after it. Binary: the profiles and judges of each envelope, the number of voters, and every receipt with
/// the envelopes it covered and, if it counts, its grades. Restoring refolds the counted grades and checks that
/// they give the saved profiles; any mismatch rejects the checkpoint (the log is then replayed from the start).
/// </summary>
internal static class TallyCheckpoint
{
    private const int Magic = 0x31504356; // "VCP1"

    public static byte[] Write(TallyProjection projection, string headHash)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(projection.Position);
            writer.Write(headHash);
            writer.Write(projection.Tally.Voters);
            var envelopes = projection.Tally.Envelopes.ToArray();
            writer.Write(envelopes.Length);
            foreach (var envelope in envelopes)
            {
                writer.Write(envelope.Id);
                writer.Write(envelope.Ballots);
                writer.Write(envelope.Projects.Count);
                writer.Write(envelope.Grades);
                for (int p = 0; p < envelope.Projects.Count; p++)
                    foreach (var count in envelope.Profile(p)) writer.Write(count);
            }
            writer.Write(projection.ReceiptCount);
            Span<byte> key = stackalloc byte[16];
            foreach (var (receipt, entry) in projection.Receipts)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(key, receipt);
                writer.Write(key);
                writer.Write((byte)entry.Parts.Length);
                writer.Write(entry.Counted);
                foreach (var part in entry.Parts)
                {
                    writer.Write(part.Envelope);
                    if (part.Grades is { } grades) writer.Write((ReadOnlySpan<byte>)System.Runtime.InteropServices.MemoryMarshal.AsBytes(grades.AsSpan()));
                }
            }
        }
        return stream.ToArray();
    }

    /// <summary>The projection and chain head saved in <paramref name="data"/>, or null when it does not fit the definition or its own profiles.</summary>
    public static (TallyProjection Projection, string HeadHash)? Read(byte[] data, ElectionDefinition definition)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data));
            if (reader.ReadInt32() != Magic) return null;
            var position = reader.ReadInt64();
            var headHash = reader.ReadString();
            var voters = reader.ReadInt64();
            var projection = new TallyProjection(definition);
            var envelopes = projection.Tally.Envelopes.ToArray();
            if (reader.ReadInt32() != envelopes.Length) return null;
            var saved = new List<(long Ballots, long[] Counts)>();
            foreach (var envelope in envelopes)
            {
                if (reader.ReadString() != envelope.Id) return null;
                var ballots = reader.ReadInt64();
                if (reader.ReadInt32() != envelope.Projects.Count || reader.ReadInt32() != envelope.Grades) return null;
                var counts = new long[envelope.Projects.Count * envelope.Grades];
                for (int i = 0; i < counts.Length; i++) counts[i] = reader.ReadInt64();
                saved.Add((ballots, counts));
            }
            var receipts = reader.ReadInt32();
            for (int r = 0; r < receipts; r++)
            {
                var receipt = System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(reader.ReadBytes(16));
                var parts = new EnvelopeGrades[reader.ReadByte()];
                var counted = reader.ReadBoolean();
                for (int i = 0; i < parts.Length; i++)
                {
                    var envelope = reader.ReadInt32();
                    if ((uint)envelope >= (uint)envelopes.Length) return null;
                    sbyte[]? grades = null;
                    if (counted)
                    {
                        grades = new sbyte[envelopes[envelope].Projects.Count];
                        if (reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(grades.AsSpan())) != grades.Length) return null;
                        foreach (var g in grades) if (g < -1 || g >= envelopes[envelope].Grades) return null;
                    }
                    parts[i] = new EnvelopeGrades(envelope, grades);
                }
                projection.Restore(receipt, new ReceiptEntry(parts), position);
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length) return null;
            if (projection.Tally.Voters != voters) return null;
            for (int e = 0; e < envelopes.Length; e++)
            {
                if (envelopes[e].Ballots != saved[e].Ballots) return null;
                for (int p = 0; p < envelopes[e].Projects.Count; p++)
                    if (!envelopes[e].Profile(p).SequenceEqual(saved[e].Counts.AsSpan(p * envelopes[e].Grades, envelopes[e].Grades))) return null;
            }
            if (projection.Position != position) return null;
            return (projection, headHash);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or InvalidDataException or FormatException)
        {
            return null;
        }
    }
}
