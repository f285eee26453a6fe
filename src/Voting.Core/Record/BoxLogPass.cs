using System.Security.Cryptography;
using System.Text;

namespace Voting.Core.Record;

/// <summary>
/// The verifier's reading of one ballot box's log, streaming: follows the hash chain from the definition's hash,
/// reporting each line that does not chain onto the one before (chain check), and folds the events (log check).
/// Every finding names the box's log file.
/// </summary>
internal sealed class BoxLogPass(string file, FindingList chainFindings, FindingList logFindings)
{
    public string File => file;

    /// <summary>Whether the log was read to the end.</summary>
    public bool Read { get; private set; }

    /// <summary>The lines of the log: its events.</summary>
    public long Events { get; private set; }

    /// <summary>The hash the last line states (the definition's hash when the log is empty), lowercase hex.</summary>
    public string? Head { get; private set; }

    /// <summary>The events folded into counted ballots; null when there is no valid definition to fold them against.</summary>
    public LogFold? Fold { get; private set; }

    /// <summary>SHA-256 of the file, lowercase hex.</summary>
    public string? Sha256 { get; private set; }

    public void Run(ElectionRecordReader record, byte[] definitionBytes, DefinitionIndex? index, RecordProgress progress)
    {
        var fold = index is null ? null : new LogFold(index);
        var chain = new ChainState(SHA256.HashData(definitionBytes));
        Span<byte> stated = stackalloc byte[32];
        long number = 0;
        ProblemHandler problem = (field, message) => logFindings.Add(file, number, field, message);
        using var stream = record.OpenRead(file);
        using var lines = new LineReader(stream) { Progress = progress.Tracker() };
        while (lines.TryReadLine(out var line))
        {
            number = lines.Line;
            if (number == 1 && fold is not null) fold.Rows.EnsureCapacity(Estimate(record.Length(file), line.Length));
            if (!LogLines.TrySplit(line, out var body, out var hash))
            {
                chainFindings.Add(file, number, "hash", "no \"hash\" field (64 lowercase hex digits) at the end of the line; the chain cannot be followed");
                fold?.Add(line, number, problem);
                continue;
            }
            chain.Next(body, "}"u8);
            LogLines.DecodeHex(hash, stated);
            if (!chain.Head.AsSpan().SequenceEqual(stated))
                chainFindings.Add(file, number, "hash",
                    $"{Encoding.ASCII.GetString(hash)} is not SHA-256(previous hash || event); recomputed {Convert.ToHexStringLower(chain.Head)}");
            stated.CopyTo(chain.Head);
            fold?.Add(chain.LastCanonical, number, problem);
        }
        if (lines.MissingFinalNewline)
            logFindings.Add(file, number, null, "the last line has no '\\n' after it");
        Sha256 = lines.Finish();
        Head = Convert.ToHexStringLower(chain.Head);
        Events = number;
        Fold = fold;
        Read = true;
    }

    /// <summary>The number of lines of a file from its size and the length of its first line, a little over.</summary>
    private static int Estimate(long? fileLength, int lineLength) =>
        (int)Math.Clamp((fileLength ?? 0) / (lineLength + 1.0) * 1.1 + 1024, 1024, 1 << 28);
}
