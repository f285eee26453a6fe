using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Voting.Core.Record;

/// <summary>
/// A buffer that rows are formatted into synchronously and that is flushed asynchronously to a stream,
/// hashing (SHA-256) every byte written.
/// </summary>
internal sealed class HashedOutput(Stream stream) : IBufferWriter<byte>, IDisposable
{
    private const int FlushAt = 1 << 19;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[1 << 20];
    private int _position;

    public long Bytes { get; private set; }

    public bool ShouldFlush => _position >= FlushAt;

    public void Advance(int count) => _position += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_position);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_position);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _position += bytes.Length;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_position == 0) return;
        _hash.AppendData(_buffer, 0, _position);
        await stream.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken).ConfigureAwait(false);
        Bytes += _position;
        _position = 0;
    }

    /// <summary>Flushes what is left and returns the SHA-256 of everything written, lowercase hex.</summary>
    public async ValueTask<string> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();

    private void Ensure(int sizeHint)
    {
        int needed = _position + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length) Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
    }
}

/// <summary>Where the record writer puts its files: a folder or a zip archive.</summary>
internal interface IRecordSink : IAsyncDisposable
{
    ValueTask<Stream> CreateAsync(string name, CancellationToken cancellationToken);
}

internal sealed class FolderSink(string folder) : IRecordSink
{
    public ValueTask<Stream> CreateAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream>(new FileStream(Path.Combine(folder, name), new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        }));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// Writes a zip to any stream, including one that only takes asynchronous writes (an HTTP response): the archive's
/// few synchronous writes (the end of an entry, the central directory) are buffered and sent asynchronously.
/// </summary>
internal sealed class ZipSink : IRecordSink
{
    private readonly AsyncBridge _bridge;
    private readonly ZipArchive _archive;
    private readonly CompressionLevel _level;

    private ZipSink(AsyncBridge bridge, ZipArchive archive, CompressionLevel level)
    {
        _bridge = bridge;
        _archive = archive;
        _level = level;
    }

    public static async Task<ZipSink> CreateAsync(Stream output, CompressionLevel level, CancellationToken cancellationToken)
    {
        var bridge = new AsyncBridge(output);
        var archive = await ZipArchive.CreateAsync(bridge, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        return new ZipSink(bridge, archive, level);
    }

    public async ValueTask<Stream> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var entry = _archive.CreateEntry(name, _level);
        entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await _bridge.DrainAsync(cancellationToken).ConfigureAwait(false);
        return new EntryStream(stream, _bridge);
    }

    public async ValueTask DisposeAsync()
    {
        await _archive.DisposeAsync().ConfigureAwait(false);
        await _bridge.DrainAsync(CancellationToken.None).ConfigureAwait(false);
        await _bridge.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Buffers synchronous writes until the next asynchronous write or <see cref="DrainAsync"/>.</summary>
    private sealed class AsyncBridge(Stream inner) : Stream
    {
        private readonly MemoryStream _pending = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Flush() { }
        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DrainAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0) return;
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken).ConfigureAwait(false);
            _pending.SetLength(0);
        }
    }

    /// <summary>An entry's stream whose asynchronous dispose also sends what closing the entry wrote.</summary>
    private sealed class EntryStream(Stream inner, AsyncBridge bridge) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await bridge.DrainAsync(CancellationToken.None).ConfigureAwait(false);
            GC.SuppressFinalize(this);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
