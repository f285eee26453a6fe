using Voting.Web.Admin;

namespace Voting.Web.Tests;

/// <summary>The admin pages' CSV readers on their own: what a spreadsheet writes is read, and each problem names its line and column.</summary>
public sealed class AdminCsvTests
{
    [Fact]
    public void Projects_are_read_from_commas_or_semicolons_with_quoted_fields_and_headers_in_any_case()
    {
        var (projects, lines, problems) = ProjectsCsv.Read(new StringReader("ID;Cost;Title_FR;title_en\n\nparc;1200;\"Parc; jardin\";Park\nbancs;;Bancs;\n"));
        Assert.Empty(problems);
        Assert.Equal(["parc", "bancs"], projects.Select(p => p.Id).ToArray());
        Assert.Equal([3, 4], lines.ToArray());
        Assert.Equal("Parc; jardin", projects[0].Title["fr"]);
        Assert.Equal("Park", projects[0].Title["en"]);
        Assert.Equal(1200, projects[0].Cost);
        Assert.Null(projects[1].Cost);
        Assert.False(projects[1].Title.ContainsKey("en"));
        Assert.Null(projects[1].Description);
    }

    [Fact]
    public void Every_problem_of_a_projects_file_is_named_and_no_project_is_returned()
    {
        var (projects, _, problems) = ProjectsCsv.Read(new StringReader("cost,title_en,title_en,size\n12.5,A,A,1\n3,B,B,2,extra\n"));
        Assert.Equal(2, projects.Count);
        Assert.Null(projects[0].Cost); // left for the definition's check, whose problem at the same place the page leaves out
        Assert.Contains(new CsvProblem(1, "title_en", CsvProblemKind.DuplicateColumn), problems);
        Assert.Contains(new CsvProblem(1, "size", CsvProblemKind.UnknownColumn), problems);
        Assert.Contains(new CsvProblem(1, "id", CsvProblemKind.MissingColumn), problems);
        Assert.Contains(new CsvProblem(2, "cost", CsvProblemKind.NotAWholeNumber, "12.5"), problems);
        Assert.Contains(new CsvProblem(3, null, CsvProblemKind.ExtraFields, "5"), problems);
        Assert.Equal(5, problems.Count);

        Assert.Equal([new CsvProblem(1, null, CsvProblemKind.Empty)], ProjectsCsv.Read(new StringReader("")).Problems);
    }

    [Fact]
    public void Voters_without_envelopes_are_left_to_every_envelope_and_listed_ones_split_on_spaces()
    {
        var (voters, lines, problems) = VotersCsv.Read(new StringReader("voter,envelopes\nv1,city  district\nv2,\nv3\n"));
        Assert.Empty(problems);
        Assert.Equal([2, 3, 4], lines.ToArray());
        Assert.Equal(["city", "district"], voters[0].Envelopes!.ToArray());
        Assert.Null(voters[1].Envelopes);
        Assert.Null(voters[2].Envelopes);
    }

    [Fact]
    public void The_engines_problem_paths_are_tied_to_their_field_or_csv_line_and_column()
    {
        int[] lines = [2, 5, 6];
        Assert.Equal(new FieldProblem(ElectionFields.Projects, "a non-negative amount", 6, "cost"),
            ProblemPaths.OfDefinition("envelopes[0].projects[2].cost: a non-negative amount", lines));
        Assert.Equal(new FieldProblem(ElectionFields.Projects, "give at least one language", 5, "title_en"),
            ProblemPaths.OfDefinition("envelopes[0].projects[1].title: give at least one language", lines));
        Assert.Equal(new FieldProblem(ElectionFields.Budget, "a non-negative amount"), ProblemPaths.OfDefinition("envelopes[0].budget: a non-negative amount", lines));
        Assert.Equal(ElectionFields.Scale, ProblemPaths.OfDefinition("grades[1]: a label", lines).Field);
        Assert.Equal(ElectionFields.Form, ProblemPaths.OfDefinition("median: only 'lower' is supported", lines).Field);
        Assert.Equal(new FieldProblem("roll", "unknown envelope 'x'", 6, "envelopes"), ProblemPaths.OfRoll("voters[2].envelopes: unknown envelope 'x'", lines, "roll"));
        Assert.Equal(new FieldProblem("roll", "voter 'v' is already on the roll"), ProblemPaths.OfRoll("voter 'v' is already on the roll", lines, "roll"));

        // Besides what the form found, the engine's problems elsewhere, each once: not at a found cell, nor in a column missing from the header.
        FieldProblem[] found = [new("p", "not a number", 3, "cost"), new("p", "no column id", 1, "id")];
        FieldProblem[] engine = [new("p", "negative", 3, "cost"), new("p", "bad id", 4, "id"), new("p", "no title", 4, "title_en"), new("p", "no title", 5, "title_en"), new("b", "negative")];
        Assert.Equal([engine[2], engine[3], engine[4]], ProblemPaths.Besides(found, engine));
    }
}
