namespace Voting.Web.Admin;

/// <summary>
/// A voter roll from a CSV file, one voter a line under the header <c>voter,envelopes</c>: the official's own id for
/// the voter and, optionally, the ids of the envelopes they may vote in, separated by spaces (empty: every envelope,
/// as the API does). Reads the shape only; the roll's own checks name the voters at fault, by line.
/// </summary>
public static class VotersCsv
{
    public const string Voter = "voter";
    public const string Envelopes = "envelopes";

    public static IReadOnlyList<string> Columns { get; } = [Voter, Envelopes];

    /// <summary>The voters in file order (no envelopes: every one) as far as they could be read, the line of each, and every problem of the file.</summary>
    public static (IReadOnlyList<(string Id, IReadOnlyList<string>? Envelopes)> Voters, IReadOnlyList<int> Lines, IReadOnlyList<CsvProblem> Problems) Read(TextReader text)
    {
        var problems = new List<CsvProblem>();
        var table = CsvTable.Read(text, Columns, [Voter], problems);
        var voters = new List<(string, IReadOnlyList<string>?)>();
        var lines = new List<int>();
        foreach (var (line, fields) in table.Rows)
        {
            var envelopes = table.Field(fields, Envelopes)?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            voters.Add((table.Field(fields, Voter) ?? "", envelopes));
            lines.Add(line);
        }
        return (voters, lines, problems);
    }
}
