namespace Voting.Core.Pabulib;

/// <summary>
/// A Pabulib file that cannot be read. The message names where: <c>line 27, field 'cost': 'abc' is not a whole number</c>.
/// </summary>
public sealed class PbFormatException : FormatException
{
    public PbFormatException(int? line, string? field, string problem)
        : base(Describe(line, field, problem))
    {
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The 1-based line number where the problem is, when it has one.</summary>
    public int? Line { get; }

    /// <summary>The column or META key at fault, when there is one.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(int? line, string? field, string problem)
    {
        var where = (line, field) switch
        {
            (int l, string f) => $"line {l}, field '{f}'",
            (int l, null) => $"line {l}",
            (null, string f) => $"field '{f}'",
            _ => null,
        };
        return where is null ? problem : $"{where}: {problem}";
    }
}
