using System.Globalization;
using Voting.Core.Elections;
using Voting.Core.Grades;

namespace Voting.Web.Admin;

/// <summary>
/// An envelope's projects from a CSV file, one project a line under the header
/// <c>id,cost,title_en,title_fr,title_es,description_en,description_fr,description_es</c> (only <c>id</c> is required;
/// the definition's own checks say what else a project needs). Reads the shape only: ids, titles and costs are checked
/// with the rest of the definition, and their problems come back to the line that holds the project.
/// </summary>
public static class ProjectsCsv
{
    public const string Id = "id";
    public const string Cost = "cost";
    public static readonly string[] Languages = ["en", "fr", "es"];

    public static IReadOnlyList<string> Columns { get; } =
        [Id, Cost, .. Languages.Select(l => "title_" + l), .. Languages.Select(l => "description_" + l)];

    /// <summary>The projects in file order as far as they could be read (a cost that is not a number is left out), the line of each, and every problem of the file.</summary>
    public static (IReadOnlyList<ProjectDefinition> Projects, IReadOnlyList<int> Lines, IReadOnlyList<CsvProblem> Problems) Read(TextReader text)
    {
        var problems = new List<CsvProblem>();
        var table = CsvTable.Read(text, Columns, [Id], problems);
        var projects = new List<ProjectDefinition>();
        var lines = new List<int>();
        foreach (var (line, fields) in table.Rows)
        {
            long? cost = null;
            if (table.Field(fields, Cost) is { } amount)
            {
                if (long.TryParse(amount, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    cost = value;
                else
                    problems.Add(new CsvProblem(line, Cost, CsvProblemKind.NotAWholeNumber, amount));
            }
            projects.Add(new ProjectDefinition(
                table.Field(fields, Id) ?? "",
                Text(table, fields, "title_") ?? new LocalizedText(new Dictionary<string, string>()),
                cost,
                Text(table, fields, "description_")));
            lines.Add(line);
        }
        return (projects, lines, problems);
    }

    /// <summary>The column where a project's field is written: <c>title</c> is in the first title column.</summary>
    public static string ColumnOf(string field) => field switch
    {
        "title" => "title_en",
        "description" => "description_en",
        _ => field,
    };

    private static LocalizedText? Text(CsvTable table, string[] fields, string prefix)
    {
        var texts = Languages
            .Select(l => (Language: l, Text: table.Field(fields, prefix + l)))
            .Where(t => t.Text is not null)
            .ToDictionary(t => t.Language, t => t.Text!);
        return texts.Count == 0 ? null : new LocalizedText(texts);
    }
}
