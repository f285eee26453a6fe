using System.Text;
using Voting.Core.Elections;

namespace Voting.Core.Record;

/// <summary>
/// Byte-level lookups of a definition's envelopes and projects for the record's readers and writers:
/// envelope by id, a project's place in its envelope, and the columns of <c>ballots.csv</c>
/// (every project of every envelope, in definition order).
/// </summary>
internal sealed class DefinitionIndex
{
    private readonly byte[][] _envelopeIds;
    private readonly byte[][][] _sortedProjects;
    private readonly int[][] _sortedToIndex;

    public DefinitionIndex(ElectionDefinition definition)
    {
        Definition = definition;
        Grades = definition.Grades.Count;
        var envelopes = definition.Envelopes;
        EnvelopeIds = envelopes.Select(e => e.Id).ToArray();
        _envelopeIds = EnvelopeIds.Select(Encoding.UTF8.GetBytes).ToArray();
        ProjectIds = envelopes.Select(e => e.Projects.Select(p => p.Id).ToArray()).ToArray();
        ProjectsPerEnvelope = ProjectIds.Select(p => p.Length).ToArray();
        _sortedProjects = new byte[envelopes.Count][][];
        _sortedToIndex = new int[envelopes.Count][];
        for (int e = 0; e < envelopes.Count; e++)
        {
            var order = Enumerable.Range(0, ProjectIds[e].Length).OrderBy(i => ProjectIds[e][i], StringComparer.Ordinal).ToArray();
            _sortedProjects[e] = order.Select(i => Encoding.UTF8.GetBytes(ProjectIds[e][i])).ToArray();
            _sortedToIndex[e] = order;
        }
        var columns = new List<(int, int)>();
        for (int e = 0; e < envelopes.Count; e++)
            for (int p = 0; p < ProjectIds[e].Length; p++)
                columns.Add((e, p));
        Columns = columns.ToArray();
        ColumnIds = ProjectIds.SelectMany(p => p).ToArray();
        EnvelopeOrder = Enumerable.Range(0, envelopes.Count).OrderBy(e => EnvelopeIds[e], StringComparer.Ordinal).ToArray();
        EnvelopeRank = new int[envelopes.Count];
        for (int r = 0; r < EnvelopeOrder.Length; r++) EnvelopeRank[EnvelopeOrder[r]] = r;
        MaxProjects = ProjectsPerEnvelope.DefaultIfEmpty(0).Max();
    }

    public ElectionDefinition Definition { get; }

    public int Grades { get; }

    public string[] EnvelopeIds { get; }

    /// <summary>Project ids per envelope, in definition order.</summary>
    public string[][] ProjectIds { get; }

    public int[] ProjectsPerEnvelope { get; }

    public int MaxProjects { get; }

    /// <summary>The <c>ballots.csv</c> grade columns: (envelope, project index in it), definition order.</summary>
    public (int Envelope, int Project)[] Columns { get; }

    public string[] ColumnIds { get; }

    /// <summary>Envelope indices in ascending ordinal order of their ids (the order of rows of one receipt).</summary>
    public int[] EnvelopeOrder { get; }

    /// <summary>The position of each envelope in <see cref="EnvelopeOrder"/>.</summary>
    public int[] EnvelopeRank { get; }

    public int EnvelopeOf(ReadOnlySpan<byte> id)
    {
        for (int e = 0; e < _envelopeIds.Length; e++)
            if (id.SequenceEqual(_envelopeIds[e])) return e;
        return -1;
    }

    /// <summary>Finds projects given in ascending ordinal order: a cursor walks the envelope's sorted ids once.</summary>
    public int ProjectOf(int envelope, ReadOnlySpan<byte> id, ref int cursor)
    {
        var sorted = _sortedProjects[envelope];
        while (cursor < sorted.Length)
        {
            int c = sorted[cursor].AsSpan().SequenceCompareTo(id);
            if (c == 0) return _sortedToIndex[envelope][cursor++];
            if (c > 0) return -1;
            cursor++;
        }
        return -1;
    }
}
