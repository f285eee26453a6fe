using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Voting.Core.Json;

namespace Voting.Audit;

/// <summary>
/// Compact JSON put together by hand in a growing array, with strings escaped as the results' serializer escapes
/// them (<see cref="JsonEscaping"/>). <c>rank</c> writes a hundred thousand small objects: one
/// <see cref="Utf8JsonWriter"/> call per member costs more than the member's bytes. Text already escaped goes in
/// through the <see cref="IBufferWriter{T}"/>.
/// </summary>
internal sealed class CompactJson : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[1 << 12];
    private int _length;

    public int Length => _length;

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _length);

    public void Clear() => _length = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Room(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Writes again the bytes written from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void Repeat(int start, int end)
    {
        var room = Room(end - start);
        _bytes.AsSpan(start, end - start).CopyTo(room);
        _length += end - start;
    }

    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, Room(20), out int written);
        _length += written;
    }

    public void String(string value)
    {
        Raw("\""u8);
        _length += JsonEscaping.Write(value, Room(JsonEscaping.MostBytesPerChar * value.Length));
        Raw("\""u8);
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Room(Math.Max(sizeHint, 1));
        return _bytes.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => Room(Math.Max(sizeHint, 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Room(int size)
    {
        if (_bytes.Length - _length < size) Grow(size);
        return _bytes.AsSpan(_length);
    }

    private void Grow(int size) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + size));
}
