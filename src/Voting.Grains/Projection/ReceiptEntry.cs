namespace Voting.Grains.Projection;

/// <summary>
/// What the projection keeps of one receipt: the envelopes its ballot covered and, while it counts, its grades
/// (one per project of each envelope, in definition order, -1 where the ballot left a project ungraded).
/// </summary>
internal sealed class ReceiptEntry(EnvelopeGrades[] parts)
{
    public EnvelopeGrades[] Parts { get; private set; } = parts;

    public bool Counted => Parts.Length > 0 && Parts[0].Grades is not null;

    public void Add(EnvelopeGrades part) => Parts = [.. Parts, part];

    /// <summary>Forgets the grades of a replaced ballot, keeping which envelopes it covered.</summary>
    public void Drop() => Parts = Parts.Select(p => new EnvelopeGrades(p.Envelope, null)).ToArray();
}

/// <param name="Envelope">The envelope's index in the definition.</param>
internal readonly record struct EnvelopeGrades(int Envelope, sbyte[]? Grades);
