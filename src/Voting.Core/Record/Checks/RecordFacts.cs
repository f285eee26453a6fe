using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Voting.Core.Elections;
using Voting.Core.Results;
using Voting.Core.Trail;

namespace Voting.Core.Record.Checks;

/// <summary>
/// What the verification has read of a record, for the checks that conclude from it: the manifest, the definition,
/// the boxes' logs, ballots.csv and its recount, and the SHA-256 of every file read. A fact stays null when its file
/// could not be read or was not valid.
/// </summary>
internal sealed class RecordFacts(ElectionRecordReader record, RecordProgress progress)
{
    public ElectionRecordReader Record => record;

    public RecordProgress Progress => progress;

    /// <summary>The SHA-256 of each file read so far, lowercase hex.</summary>
    public ConcurrentDictionary<string, string> Hashes { get; } = new(StringComparer.Ordinal);

    public RecordManifest? Manifest { get; set; }

    public byte[]? DefinitionBytes { get; set; }

    /// <summary>The definition, once found valid, and its index.</summary>
    public ElectionDefinition? Definition { get; set; }

    public DefinitionIndex? Index { get; set; }

    public BoxLogs Boxes { get; set; } = new([]);

    /// <summary>ballots.csv folded against the definition, and its rows.</summary>
    public CsvFold? Csv { get; set; }

    public RowStore? CsvRows { get; set; }

    /// <summary>The recount of ballots.csv when every row could be counted, at version 0: the results check sets the version.</summary>
    public ElectionResults? Recount { get; set; }

    /// <summary>The entries of trail.jsonl, once every line of it was read as an entry.</summary>
    public IReadOnlyList<TrailEntry>? Trail { get; set; }

    /// <summary>Reads a file only to hash it, for a file no check can read further.</summary>
    public string HashOnly(string name)
    {
        using var stream = record.OpenRead(name);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                progress.Add(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Hashes[name] = Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
