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
        var before = Convert.ToHexStringLower(_chain.Head);
        _chain.Next(canonical);
        if (!string.Equals(Convert.ToHexStringLower(_chain.Head), hash, StringComparison.Ordinal))
            Fail($"log entry {number}: hash {hash} does not chain onto {before} (expected {Convert.ToHexStringLower(_chain.Head)})");

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
        return (!rows[head].Flag, envelopes);
    }

    /// <summary>The counted ballots of an envelope, as a grade per project, in log order.</summary>
    public IEnumerable<IReadOnlyDictionary<string, int>> BallotsOf(string envelopeId)
    {
        int envelope = Array.IndexOf(_index.EnvelopeIds, envelopeId);
        if (envelope < 0) throw new ArgumentException($"'{envelopeId}' is not an envelope of the election", nameof(envelopeId));
        var projects = _index.ProjectIds[envelope];
        var rows = _fold.Rows;
        for (int row = 0; row < rows.Count; row++)
        {
            if (rows[row].Flag || rows[row].Envelope != envelope) continue;
            var grades = rows.Grades(row);
            var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int p = 0; p < grades.Length; p++)
                if (grades[p] >= 0) ballot[projects[p]] = grades[p];
            yield return ballot;
        }
    }

    public ElectionResults Count() => ElectionCount.Count(Tally, Position, BallotsOf);

    /// <summary>Saves the replay, so that <see cref="Restore"/> gives it back without reading the log again.</summary>
    public byte[] Save()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(_genesis);
            writer.Write(_chain.Head);
            _fold.Write(writer);
        }
        stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        return stream.ToArray();
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
                if (!rows[row].Flag) replay._tallies[rows[row].Envelope].Add(rows.Grades(row));
            replay.Tally.Voters = replay._fold.CountedReceipts;
            return replay;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IndexOutOfRangeException or ArgumentException)
        {
            return null;
        }
    }

    private const int Magic = 0x31504C52; // "RLP1"

    /// <summary>Brings the profiles up to date with the row just folded in: counts it, and uncounts the ballot it replaced.</summary>
    private void Count(int row)
    {
        var rows = _fold.Rows;
        if (!rows[row].Flag) _tallies[rows[row].Envelope].Add(rows.Grades(row));
        int replaced = rows[row].Replaces;
        if (replaced >= 0 && rows[replaced].Link == row)
            for (int k = replaced; k >= 0; k = rows[k].Next)
                _tallies[rows[k].Envelope].Remove(rows.Grades(k));
        Tally.Voters = _fold.CountedReceipts;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string problem)
    {
        _broken = problem;
        throw new InvalidDataException(problem);
    }
}
