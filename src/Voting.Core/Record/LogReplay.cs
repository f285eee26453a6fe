using System.Security.Cryptography;
using System.Text;
using Voting.Core.Elections;
using Voting.Core.Results;

namespace Voting.Core.Record;

/// <summary>
/// A ballot log read strictly, event by event, as the engine replays it and the record writer writes it: each event
/// must chain onto the hash before it and pass the fold rules of <see cref="LogFold"/>, the verifier's own. The first
/// problem throws <see cref="InvalidDataException"/> and leaves the replay unusable. Keeps the merit profiles of
/// the counted ballots up to date as events come, and every receipt, to look it up.
/// </summary>
public sealed class LogReplay
{
    private readonly DefinitionIndex _index;
    private readonly byte[] _genesis;
    private readonly ChainState _chain;
    private readonly EnvelopeTally[] _tallies;
    /// <summary>Per envelope whose rule reads ballots, the number of counted ballots supporting each set of projects.</summary>
    private readonly Dictionary<string, long>?[] _supporters;
    private LogFold _fold;
    private string? _broken;

    public LogReplay(ElectionDefinition definition, ReadOnlySpan<byte> definitionBytes)
    {
        _index = new DefinitionIndex(definition);
        _fold = new LogFold(_index);
        _genesis = SHA256.HashData(definitionBytes);
        _chain = new ChainState(_genesis);
        Tally = new ElectionTally(definition);
        _tallies = definition.Envelopes.Select(e => Tally[e.Id]).ToArray();
        _supporters = definition.Envelopes
            .Select(e => TallySnapshot.CountsSupport(definition, e) ? new Dictionary<string, long>(StringComparer.Ordinal) : null)
            .ToArray();
    }

    public ElectionDefinition Definition => _index.Definition;

    internal LogFold Fold => _fold;

    /// <summary>The merit profiles of the ballots that count, and their number.</summary>
    public ElectionTally Tally { get; }

    /// <summary>The sequence of the last event folded in (0 before the first).</summary>
    public long Position => _fold.Events;

    /// <summary>The chain's head after the last event: SHA-256 in lowercase hex.</summary>
    public string HeadHash => Convert.ToHexStringLower(_chain.Head);

    /// <summary>Folds in the next event, given as its canonical bytes and the chain hash stated for it.</summary>
    public void Append(ReadOnlySpan<byte> canonical, string hash)
    {
        if (_broken is not null) throw new InvalidOperationException("the replay stopped at a bad event: " + _broken);
        long number = _fold.Events + 1;
        Span<byte> before = stackalloc byte[32];
        _chain.Head.CopyTo(before);
        _chain.Next(canonical);
        Span<char> expected = stackalloc char[64];
        Convert.TryToHexStringLower(_chain.Head, expected, out _);
        if (!expected.SequenceEqual(hash))
            Fail($"log entry {number}: hash {hash} does not chain onto {Convert.ToHexStringLower(before)} (expected {expected})");

        int rowsBefore = _fold.Rows.Count;
        string? problem = null;
        _fold.Add(canonical, number, (field, message) => problem ??= field is null ? message : $"{field}: {message}");
        if (problem is not null) Fail($"log entry {number}: {problem}");
        if (_fold.Rows.Count == rowsBefore + 1) Count(rowsBefore);
    }

    /// <summary>Whether an event of the log has this receipt.</summary>
    public bool Knows(string receipt) => Receipts.IsValid(receipt) && _fold.Rows.Find(Encoding.ASCII.GetBytes(receipt)) >= 0;

    /// <summary>Whether a receipt's ballot counts, and the envelopes it covers; null for a receipt the log does not have.</summary>
    public (bool Counted, IReadOnlyList<string> Envelopes)? Lookup(string receipt)
    {
        if (!Receipts.IsValid(receipt)) return null;
        var rows = _fold.Rows;
        int head = rows.Find(Encoding.ASCII.GetBytes(receipt));
        if (head < 0) return null;
        var envelopes = new List<string>(2);
        for (int row = head; row >= 0; row = rows[row].Next) envelopes.Add(_index.EnvelopeIds[rows[row].Envelope]);
        return (!rows[head].Replaced, envelopes);
    }

    /// <summary>The grades of a receipt's ballot as cast, by project id, from its rows (one per envelope); null for a receipt the log does not have.</summary>
    public IReadOnlyDictionary<string, int>? Grades(string receipt)
    {
        if (!Receipts.IsValid(receipt)) return null;
        var rows = _fold.Rows;
        int head = rows.Find(Encoding.ASCII.GetBytes(receipt));
        if (head < 0) return null;
        var grades = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int row = head; row >= 0; row = rows[row].Next)
        {
            var projects = _index.ProjectIds[rows[row].Envelope];
            var cells = rows.Grades(row);
            for (int p = 0; p < cells.Length; p++)
                if (cells[p] >= 0) grades[projects[p]] = cells[p];
        }
        return grades;
    }

    /// <summary>What counting needs, copied: it stays as it is while the replay goes on.</summary>
    public TallySnapshot Snapshot() => new(
        Position,
        _fold.IssuedReceipts,
        Tally.Voters,
        _tallies.Select((tally, e) => new EnvelopeSnapshot(
            tally.Ballots, tally.Counts(), _supporters[e] is { } supporters ? new Dictionary<string, long>(supporters, StringComparer.Ordinal) : null)).ToArray());

    public ElectionResults Count() => Snapshot().Count(Definition);

    /// <summary>Saves the replay, so that <see cref="Restore"/> gives it back without reading the log again.</summary>
    /// <remarks>
    /// Written into one array of its exact size: a box saves its whole replay every few seconds while ballots come,
    /// megabytes each time, and a growing stream copied out cost three times the memory.
    /// </remarks>
    public byte[] Save()
    {
        var saved = new byte[sizeof(int) + 32 + 32 + _fold.WrittenSize + 32];
        var body = saved.AsSpan(0, saved.Length - 32);
        using (var writer = new BinaryWriter(new MemoryStream(saved), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(_genesis);
            writer.Write(_chain.Head);
            _fold.Write(writer);
            if (writer.BaseStream.Position != body.Length)
                throw new InvalidOperationException($"the replay wrote {writer.BaseStream.Position} bytes, not the {body.Length} it counted");
        }
        SHA256.HashData(body, saved.AsSpan(body.Length));
        return saved;
    }

    /// <summary>
    /// A replay as <see cref="Save"/> saved it, with its profiles refolded from its counted ballots; null when the
    /// data is damaged or was saved for another definition (the save starts with the definition's hash).
    /// </summary>
    public static LogReplay? Restore(ElectionDefinition definition, ReadOnlySpan<byte> definitionBytes, byte[] saved)
    {
        if (saved.Length < 4 + 32 + 32 + 32) return null;
        var body = saved.AsSpan(0, saved.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(saved.AsSpan(saved.Length - 32))) return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(saved, 0, body.Length));
            if (reader.ReadInt32() != Magic) return null;
            var replay = new LogReplay(definition, definitionBytes);
            if (!reader.ReadBytes(32).AsSpan().SequenceEqual(replay._genesis)) return null;
            reader.ReadBytes(32).CopyTo(replay._chain.Head, 0);
            replay._fold = LogFold.Read(reader, replay._index);
            if (reader.BaseStream.Position != reader.BaseStream.Length) return null;
            var rows = replay._fold.Rows;
            for (int row = 0; row < rows.Count; row++)
                if (!rows[row].Replaced) replay.CountRow(row, +1);
            replay.Tally.Voters = replay._fold.CountedReceipts;
            return replay;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IndexOutOfRangeException or ArgumentException)
        {
            return null;
        }
    }

    private const int Magic = 0x31504C52; // "RLP1"

    /// <summary>Brings the tallies up to date with the row just folded in: counts it, and uncounts the ballot it replaced.</summary>
    private void Count(int row)
    {
        var rows = _fold.Rows;
        if (!rows[row].Replaced) CountRow(row, +1);
        int replaced = rows[row].ReplacesFirstRow;
        if (replaced >= 0 && rows[replaced].ReplacedBy == row)
            for (int k = replaced; k >= 0; k = rows[k].Next) CountRow(k, -1);
        Tally.Voters = _fold.CountedReceipts;
    }

    /// <summary>Adds (+1) or removes (-1) a row's ballot from its envelope's tallies.</summary>
    private void CountRow(int row, int sign)
    {
        var rows = _fold.Rows;
        int envelope = rows[row].Envelope;
        var grades = rows.Grades(row);
        if (sign > 0) _tallies[envelope].Add(grades);
        else _tallies[envelope].Remove(grades);
        if (_supporters[envelope] is not { } supporters) return;
        var set = EnvelopeSnapshot.SupportKey(grades, _index.Grades);
        long count = supporters.GetValueOrDefault(set) + sign;
        if (count == 0) supporters.Remove(set);
        else supporters[set] = count;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string problem)
    {
        _broken = problem;
        throw new InvalidDataException(problem);
    }
}
