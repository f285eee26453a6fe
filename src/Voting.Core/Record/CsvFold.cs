using Voting.Core.Results;

namespace Voting.Core.Record;

/// <summary>
/// Folds <c>ballots.csv</c> into tallies, streaming: checks each row, adds the valid ones to the tally of their
/// envelope, counts distinct receipts (rows are sorted by receipt) and notes rows out of order or repeated.
/// Optionally keeps every readable row in a <see cref="RowStore"/> (for the verifier).
/// </summary>
internal sealed class CsvFold
{
    private readonly DefinitionIndex _definition;
    private readonly BallotsCsvParser _parser;
    private readonly RowStore? _store;
    private byte[] _previous = new byte[Record.Receipts.MaxLength * 2];
    private int _previousLength = -1;
    private int _previousEnvelope = -1;

    public CsvFold(DefinitionIndex definition, RowStore? store)
    {
        _definition = definition;
        _parser = new BallotsCsvParser(definition);
        _store = store;
        Tally = new ElectionTally(definition.Definition);
        RowsPerEnvelope = new long[definition.EnvelopeIds.Length];
    }

    public ElectionTally Tally { get; }

    public bool HeaderRead { get; private set; }

    public bool HeaderMatches => _parser.HeaderMatches;

    public long Rows { get; private set; }

    public long[] RowsPerEnvelope { get; }

    /// <summary>Distinct receipts, counted as the receipt changes from one row to the next.</summary>
    public long Receipts { get; private set; }

    /// <summary>Rows with a problem (not added to the tally).</summary>
    public long InvalidRows { get; private set; }

    public long OutOfOrder { get; private set; }

    public long Duplicates { get; private set; }

    public long FirstDuplicateLine { get; private set; }

    public long FirstOutOfOrderLine { get; private set; }

    /// <summary>The receipt and envelope of the first row read, and of the last one (null when none).</summary>
    public (byte[] Receipt, int Envelope)? First { get; private set; }

    public (byte[] Receipt, int Envelope)? Last =>
        _previousLength < 0 ? null : (_previous.AsSpan(0, _previousLength).ToArray(), _previousEnvelope);

    /// <summary>Reads every line; <paramref name="problem"/> hears of each bad row, <paramref name="order"/> of each row out of order.</summary>
    /// <param name="header">For a part of the file after its first line: the header line, read elsewhere.</param>
    public void Run(LineReader lines, LineProblemHandler problem, LineProblemHandler order, long fileLength = 0, byte[]? header = null)
    {
        if (header is not null)
        {
            HeaderRead = _parser.Header(header, (_, _, _) => { });
        }
        else
        {
            if (!lines.TryReadLine(out var first))
            {
                problem(1, null, "the file is empty (expected the header receipt,envelope,<project ids>)");
                return;
            }
            HeaderRead = _parser.Header(first, problem);
        }
        if (!HeaderRead) return;
        var parser = _parser;
        var tallies = _definition.EnvelopeIds.Select(id => Tally[id]).ToArray();
        long receipts = 0, rows = 0;
        while (lines.TryReadLine(out var line))
        {
            long number = lines.Line;
            if (rows++ == 0 && _store is not null && fileLength > 0)
                _store.EnsureCapacity((int)Math.Clamp(fileLength / (line.Length + 1.0) * 1.1 + 1024, 1024, 1 << 28));
            if (!parser.Row(line, number, problem))
            {
                InvalidRows++;
                continue;
            }
            var receipt = line[parser.Receipt];
            int envelope = parser.Envelope;
            RowsPerEnvelope[envelope]++;

            // order: receipt ascending (ordinal bytes), then envelope id ascending
            bool first = _previousLength < 0;
            if (first) First = (receipt.ToArray(), envelope);
            int c = first ? 1 : receipt.SequenceCompareTo(_previous.AsSpan(0, _previousLength));
            if (c != 0) receipts++;
            else c = _definition.EnvelopeRank[envelope].CompareTo(_definition.EnvelopeRank[_previousEnvelope]);
            if (c < 0)
            {
                if (OutOfOrder++ == 0) FirstOutOfOrderLine = number;
                order(number, null, $"receipt '{LogFold.Text(receipt)}', envelope '{_definition.EnvelopeIds[envelope]}' comes after receipt '{LogFold.Text(_previous.AsSpan(0, _previousLength))}', envelope '{_definition.EnvelopeIds[_previousEnvelope]}' (rows are sorted by receipt, then envelope id)");
            }
            else if (c == 0 && Duplicates++ == 0) FirstDuplicateLine = number;
            if (receipt.Length > _previous.Length) _previous = new byte[receipt.Length];
            receipt.CopyTo(_previous);
            _previousLength = receipt.Length;
            _previousEnvelope = envelope;

            _store?.Add(receipt, envelope, parser.Grades, number);
            if (parser.RowValid) tallies[envelope].Add(parser.Grades);
            else InvalidRows++;
        }
        Rows = rows;
        Receipts = receipts;
        Tally.Voters = receipts;
    }
}
