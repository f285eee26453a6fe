using System.Buffers.Binary;

namespace Voting.Grains.Roll;

/// <summary>
/// The voters of one import that fall in one ballot box, as stored (binary, about 18 bytes a voter): the distinct
/// envelope sets, then per voter their <see cref="RollKey"/> and the index of their set. Nothing names a voter.
/// </summary>
internal static class RollShard
{
    private const int Magic = 0x31534F52; // "ROS1"

    public static byte[] Write(IReadOnlyList<(UInt128 Key, string[] Envelopes)> voters)
    {
        var sets = new List<string[]>();
        var index = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var setOf = new ushort[voters.Count];
        for (int i = 0; i < voters.Count; i++)
        {
            var name = string.Join('\n', voters[i].Envelopes);
            if (!index.TryGetValue(name, out var set))
            {
                index[name] = set = checked((ushort)sets.Count);
                sets.Add(voters[i].Envelopes);
            }
            setOf[i] = set;
        }
        using var stream = new MemoryStream(16 + voters.Count * 18);
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Magic);
            writer.Write(sets.Count);
            foreach (var set in sets)
            {
                writer.Write(set.Length);
                foreach (var envelope in set) writer.Write(envelope);
            }
            writer.Write(voters.Count);
            Span<byte> key = stackalloc byte[16];
            for (int i = 0; i < voters.Count; i++)
            {
                BinaryPrimitives.WriteUInt128BigEndian(key, voters[i].Key);
                writer.Write(key);
                writer.Write(setOf[i]);
            }
        }
        return stream.ToArray();
    }

    public static List<(UInt128 Key, string[] Envelopes)> Read(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data));
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("not a roll shard");
        var sets = new string[reader.ReadInt32()][];
        for (int s = 0; s < sets.Length; s++)
        {
            sets[s] = new string[reader.ReadInt32()];
            for (int e = 0; e < sets[s].Length; e++) sets[s][e] = string.Intern(reader.ReadString());
        }
        int count = reader.ReadInt32();
        var voters = new List<(UInt128, string[])>(count);
        Span<byte> key = stackalloc byte[16];
        for (int i = 0; i < count; i++)
        {
            reader.BaseStream.ReadExactly(key);
            voters.Add((BinaryPrimitives.ReadUInt128BigEndian(key), sets[reader.ReadUInt16()]));
        }
        return voters;
    }
}
