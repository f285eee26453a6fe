namespace Voting.Grains.Roll;

/// <summary>
/// A ballot box's share of the voter roll, compact: per voter the key (<see cref="RollKey"/>), the envelopes they may
/// vote in (an index into the distinct envelope sets) and where their slot stands once known (the last revision and
/// the receipt that counts). Columns in one open-addressing table filled to three quarters: about 51 bytes a voter.
/// </summary>
internal sealed class BoxRoll
{
    private const int Unknown = -1;

    private readonly List<string[]> _sets = [];
    private readonly Dictionary<string, ushort> _setIndex = new(StringComparer.Ordinal);
    private UInt128[] _keys = [];
    /// <summary>Envelope set index + 1; 0 marks an empty place.</summary>
    private ushort[] _setOf = [];
    private int[] _revisions = [];
    private UInt128[] _receipts = [];

    public int Count { get; private set; }

    /// <summary>Whether a slot that was never read is known to be empty (no ballot was ever appended to the box's log).</summary>
    public bool NewSlotsAreEmpty { get; set; }

    /// <summary>Adds voters (keys not already on the roll), growing the table once.</summary>
    public void Add(IReadOnlyList<(UInt128 Key, string[] Envelopes)> voters) => Add([voters]);

    /// <summary>Adds the voters of several imports, growing the table once.</summary>
    public void Add(IReadOnlyList<IReadOnlyList<(UInt128 Key, string[] Envelopes)>> imports)
    {
        long total = Count + imports.Sum(i => (long)i.Count);
        if (total > _keys.Length * 3L / 4) Resize(checked((int)total));
        foreach (var voters in imports)
        {
            string[]? lastSet = null;
            ushort set = 0;
            foreach (var (key, envelopes) in voters)
            {
                if (!ReferenceEquals(envelopes, lastSet)) (lastSet, set) = (envelopes, SetIndex(envelopes));
                Insert(key, set, Unknown, default);
            }
        }
    }

    /// <summary>The voter's place in the table, or -1 for a key not on the roll.</summary>
    public int Find(UInt128 key)
    {
        if (_keys.Length == 0) return -1;
        for (int i = Home(key, _keys.Length); ; i = i + 1 == _keys.Length ? 0 : i + 1)
        {
            if (_setOf[i] == 0) return -1;
            if (_keys[i] == key) return i;
        }
    }

    public IReadOnlyList<string> EnvelopesOf(int place) => _sets[_setOf[place] - 1];

    /// <summary>The voter's last revision and counted receipt (null: none), when known.</summary>
    public bool TryGetSlot(int place, out long revision, out UInt128? receipt)
    {
        revision = _revisions[place];
        receipt = revision > 0 ? _receipts[place] : null;
        if (revision != Unknown) return true;
        revision = 0;
        return NewSlotsAreEmpty;
    }

    public void SetSlot(int place, long revision, UInt128? receipt)
    {
        _revisions[place] = checked((int)revision);
        _receipts[place] = receipt ?? default;
    }

    /// <summary>Forgets every slot read so far (another writer may have moved them).</summary>
    public void ForgetSlots()
    {
        Array.Fill(_revisions, Unknown);
        NewSlotsAreEmpty = false;
    }

    private ushort SetIndex(string[] envelopes)
    {
        var name = string.Join('\n', envelopes);
        if (_setIndex.TryGetValue(name, out var index)) return index;
        if (_sets.Count == ushort.MaxValue - 1) throw new InvalidOperationException("too many distinct envelope sets");
        _sets.Add(envelopes.Select(string.Intern).ToArray());
        return _setIndex[name] = (ushort)(_sets.Count - 1);
    }

    private void Insert(UInt128 key, ushort set, int revision, UInt128 receipt)
    {
        for (int i = Home(key, _keys.Length); ; i = i + 1 == _keys.Length ? 0 : i + 1)
        {
            if (_setOf[i] == 0)
            {
                (_keys[i], _setOf[i], _revisions[i], _receipts[i]) = (key, (ushort)(set + 1), revision, receipt);
                Count++;
                return;
            }
            if (_keys[i] == key) return;
        }
    }

    private void Resize(int voters)
    {
        var (keys, sets, revisions, receipts) = (_keys, _setOf, _revisions, _receipts);
        int capacity = Math.Max(16, checked(voters + voters / 3 + 1));
        _keys = new UInt128[capacity];
        _setOf = new ushort[capacity];
        _revisions = new int[capacity];
        _receipts = new UInt128[capacity];
        Count = 0;
        for (int i = 0; i < keys.Length; i++)
            if (sets[i] != 0) Insert(keys[i], (ushort)(sets[i] - 1), revisions[i], receipts[i]);
    }

    /// <summary>The key's first place: its low 32 bits (random already) scaled to the table's size.</summary>
    private static int Home(UInt128 key, int length) => (int)(((ulong)(uint)key * (ulong)length) >> 32);
}
