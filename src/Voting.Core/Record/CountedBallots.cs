namespace Voting.Core.Record;

/// <summary>
/// The counted ballots of the ballot boxes' logs (the rows not replaced), in <c>ballots.csv</c> order: by receipt
/// (ordinal bytes), then by envelope id (ordinal). Receipts never repeat across boxes, so the order is total.
/// </summary>
internal sealed class CountedBallots
{
    /// <summary>A counted row: the box whose log has it and its row in that box's store.</summary>
    private readonly record struct Ballot(int Box, int Row);

    private readonly RowStore[] _boxes;
    private readonly Ballot[] _ballots;

    public CountedBallots(IReadOnlyList<RowStore> boxes, DefinitionIndex index)
    {
        _boxes = boxes.ToArray();
        var ballots = new List<Ballot>(_boxes.Sum(b => b.Count));
        for (int box = 0; box < _boxes.Length; box++)
            for (int row = 0; row < _boxes[box].Count; row++)
                if (!_boxes[box][row].Replaced) ballots.Add(new Ballot(box, row));
        _ballots = ballots.ToArray();
        Array.Sort(_ballots, new ReceiptOrder(_boxes, index));
        for (int i = 0; i < _ballots.Length; i++)
            if (i == 0 || !Receipt(i).SequenceEqual(Receipt(i - 1))) Receipts++;
    }

    /// <summary>Rows of ballots.csv: counted (receipt, envelope) ballots.</summary>
    public int Count => _ballots.Length;

    /// <summary>Distinct receipts: voters with a counted ballot.</summary>
    public long Receipts { get; }

    public ReadOnlySpan<byte> Receipt(int i) => _boxes[_ballots[i].Box].Receipt(_ballots[i].Row);

    public int Envelope(int i) => _boxes[_ballots[i].Box][_ballots[i].Row].Envelope;

    public ReadOnlySpan<sbyte> Grades(int i) => _boxes[_ballots[i].Box].Grades(_ballots[i].Row);

    private sealed class ReceiptOrder(RowStore[] boxes, DefinitionIndex index) : IComparer<Ballot>
    {
        public int Compare(Ballot x, Ballot y)
        {
            if (x == y) return 0;
            int c = boxes[x.Box].Receipt(x.Row).SequenceCompareTo(boxes[y.Box].Receipt(y.Row));
            return c != 0 ? c : index.EnvelopeRank[boxes[x.Box][x.Row].Envelope].CompareTo(index.EnvelopeRank[boxes[y.Box][y.Row].Envelope]);
        }
    }
}
