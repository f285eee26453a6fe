using System.Buffers;
using System.Security.Cryptography;

namespace Voting.Core.Record;

/// <summary>
/// Reads a stream line by line through one reusable buffer, hashing every byte read (SHA-256) on the way.
/// Lines end with '\n' (not included); a line is valid until the next call. Never holds more than the
/// longest line plus one buffer.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _searched;
    private bool _eof;

    public LineReader(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Lines returned so far: the number of the last one.</summary>
    public long Line { get; private set; }

    public long BytesRead { get; private set; }

    /// <summary>Whether the last line had no '\n' after it.</summary>
    public bool MissingFinalNewline { get; private set; }

    /// <summary>Called after each read from the stream with the bytes read so far.</summary>
    public Action<long>? Progress { get; init; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int nl = _buffer.AsSpan(_searched, _end - _searched).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                nl += _searched;
                line = _buffer.AsSpan(_start, nl - _start);
                _start = _searched = nl + 1;
                Line++;
                return true;
            }
            _searched = _end;
            if (_eof)
            {
                if (_start < _end)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _searched = _end;
                    MissingFinalNewline = true;
                    Line++;
                    return true;
                }
                line = default;
                return false;
            }
            Fill();
        }
    }

    /// <summary>Reads (and hashes) whatever is left and returns the SHA-256 of the whole stream, lowercase hex.</summary>
    public string Finish()
    {
        while (!_eof)
        {
            _start = _searched = _end = 0;
            Fill();
        }
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _searched -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }
        _hash.AppendData(_buffer, _end, read);
        _end += read;
        BytesRead += read;
        Progress?.Invoke(BytesRead);
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
