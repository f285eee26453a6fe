using Azure.Data.Tables;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// A byte payload split over an entity's binary properties P0, P1, ..., since a binary property holds at most
/// 64 KiB and an entity at most 1 MiB.
/// </summary>
internal static class BinaryChunks
{
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;

    /// <summary>The largest payload an entity carries, leaving room under 1 MiB for the keys and other properties.</summary>
    public const int MaxPayloadBytes = ChunkBytes * MaxChunks;

    public static void Write(TableEntity entity, byte[] payload)
    {
        if (payload.Length > MaxPayloadBytes)
            throw new ArgumentException($"An entity carries at most {MaxPayloadBytes} bytes, not {payload.Length}.", nameof(payload));
        for (var (i, offset) = (0, 0); offset < payload.Length; i++, offset += ChunkBytes)
            entity[$"P{i}"] = payload[offset..Math.Min(payload.Length, offset + ChunkBytes)];
    }

    public static byte[] Read(TableEntity entity)
    {
        using var payload = new MemoryStream();
        for (var i = 0; entity.GetBinary($"P{i}") is { } chunk; i++) payload.Write(chunk);
        return payload.ToArray();
    }
}
