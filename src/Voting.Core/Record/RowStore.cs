namespace Voting.Core.Record;

/// <summary>
/// Ballot rows (receipt, envelope, a grade per project of the envelope, the line they came from) packed in
/// large byte chunks rather than one object each, with an optional index from receipt to its rows.
/// Grades are stored as signed bytes, <see cref="Ungraded"/> for a project left ungraded and
/// <see cref="Unreadable"/> for a cell that was not a number.
/// </summary>
internal sealed class RowStore
{
    public const sbyte Ungraded = -1;
    public const sbyte Unreadable = -2;
    private const int ChunkSize = 1 << 22;

    public struct Row
    {
        public int Chunk;
        public int Offset;
        public int ReceiptLength;
        public int Envelope;
        public long Line;
        public int Hash;
        /// <summary>The next row with the same receipt, or -1.</summary>
        public int Next;
        /// <summary>On a receipt's first row, the first row of the receipt its ballot replaces; -1 otherwise (set by <see cref="LogFold"/>).</summary>
        public int ReplacesFirstRow;
        /// <summary>On a receipt's first row, once replaced, the first row of the receipt that replaced it; -1 otherwise (set by <see cref="LogFold"/>).</summary>
        public int ReplacedBy;
        /// <summary>Whether a later ballot replaced this row's receipt, so that the row no longer counts (set by <see cref="LogFold"/>).</summary>
        public bool Replaced;
    }

    private readonly int[] _projectsOf;
    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkSize;
    private Row[] _rows = new Row[1024];
    /// <summary>Open addressing: (hash &lt;&lt; 32) | (row + 1), 0 for an empty slot.</summary>
    private long[]? _slots;
    private int _indexed;

    public RowStore(IReadOnlyList<int> projectsPerEnvelope, bool indexed)
    {
        _projectsOf = projectsPerEnvelope.ToArray();
        if (indexed) _slots = new long[1 << 12];
    }

    public int Count { get; private set; }

    public ref Row this[int row] => ref _rows[row];

    public ReadOnlySpan<byte> Receipt(int row)
    {
        ref var r = ref _rows[row];
        return _chunks[r.Chunk].AsSpan(r.Offset, r.ReceiptLength);
    }

    public ReadOnlySpan<sbyte> Grades(int row)
    {
        ref var r = ref _rows[row];
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(
            _chunks[r.Chunk].AsSpan(r.Offset + r.ReceiptLength, _projectsOf[r.Envelope]));
    }

    public int ProjectsOf(int envelope) => _projectsOf[envelope];

    /// <summary>Stores a row; with an index, links it after the other rows of its receipt.</summary>
    public int Add(ReadOnlySpan<byte> receipt, int envelope, ReadOnlySpan<sbyte> grades, long line)
    {
        int hash = HashOf(receipt);
        return Add(receipt, envelope, grades, line, _slots is null ? -1 : Find(receipt, hash), hash);
    }

    /// <summary>Stores a row whose receipt's first row (<paramref name="head"/>, or -1) and hash are already known.</summary>
    public int Add(ReadOnlySpan<byte> receipt, int envelope, ReadOnlySpan<sbyte> grades, long line, int head, int hash)
    {
        int size = receipt.Length + _projectsOf[envelope];
        if (_used + size > ChunkSize)
        {
            _chunks.Add(new byte[Math.Max(ChunkSize, size)]);
            _used = 0;
        }
        var chunk = _chunks[^1];
        receipt.CopyTo(chunk.AsSpan(_used));
        var cells = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(chunk.AsSpan(_used + receipt.Length, _projectsOf[envelope]));
        cells.Fill(Ungraded);
        grades[..Math.Min(grades.Length, cells.Length)].CopyTo(cells);
        if (Count == _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
        int index = Count++;
        _rows[index] = new Row
        {
            Chunk = _chunks.Count - 1,
            Offset = _used,
            ReceiptLength = receipt.Length,
            Envelope = envelope,
            Line = line,
            Hash = hash,
            Next = -1,
            ReplacesFirstRow = -1,
            ReplacedBy = -1,
        };
        _used += size;
        if (_slots is not null) Index(index, head);
        return index;
    }

    /// <summary>The first row stored with <paramref name="receipt"/>, or -1 (the store must be indexed).</summary>
    public int Find(ReadOnlySpan<byte> receipt) => Find(receipt, HashOf(receipt));

    public int Find(ReadOnlySpan<byte> receipt, int hash)
    {
        var slots = _slots ?? throw new InvalidOperationException("the store is not indexed");
        int mask = slots.Length - 1;
        for (int s = hash & mask; ; s = (s + 1) & mask)
        {
            long entry = slots[s];
            if (entry == 0) return -1;
            int row = (int)entry - 1;
            if ((int)(entry >>> 32) == hash && Receipt(row).SequenceEqual(receipt)) return row;
        }
    }

    /// <summary>Makes room for <paramref name="rows"/> rows without growing (an estimate is enough).</summary>
    public void EnsureCapacity(int rows)
    {
        if (_rows.Length < rows) Array.Resize(ref _rows, rows);
        if (_slots is not null && _slots.Length < rows * 2)
        {
            int size = _slots.Length;
            while (size < rows * 2) size *= 2;
            Rehash(size);
        }
    }

    private void Index(int index, int head)
    {
        if (head >= 0)
        {
            int last = head;
            while (_rows[last].Next >= 0) last = _rows[last].Next;
            _rows[last].Next = index;
            return;
        }
        if (++_indexed * 2 > _slots!.Length) Grow();
        Insert(_slots!, index);
    }

    private void Insert(long[] slots, int index) => Insert(slots, _rows[index].Hash, index + 1);

    private static void Insert(long[] slots, int hash, long rowPlusOne)
    {
        int mask = slots.Length - 1;
        int s = hash & mask;
        while (slots[s] != 0) s = (s + 1) & mask;
        slots[s] = ((long)hash << 32) | rowPlusOne;
    }

    private void Grow() => Rehash(_slots!.Length * 2);

    private void Rehash(int size)
    {
        var old = _slots!;
        var slots = new long[size];
        foreach (var entry in old)
            if (entry != 0) Insert(slots, (int)(entry >>> 32), entry & 0xFFFFFFFFL);
        _slots = slots;
    }

    public static int HashOf(ReadOnlySpan<byte> receipt)
    {
        var hash = new HashCode();
        hash.AddBytes(receipt);
        return hash.ToHashCode() & int.MaxValue;
    }
}
