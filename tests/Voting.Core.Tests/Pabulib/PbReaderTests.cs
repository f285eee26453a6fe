using System.Text;
using Voting.Core.Pabulib;

namespace Voting.Core.Tests.Pabulib;

public class PbReaderTests
{
    private const string Approval = """
        META
        key;value
        description;Test city
        num_projects;3
        num_votes;3
        budget;100
        vote_type;approval
        rule;greedy
        PROJECTS
        project_id;cost;votes;name;selected
        1;60;2;Park;1
        2;50;2;Library;0
        3;30;1;Bench;1
        VOTES
        voter_id;vote;age
        a;1,2;34
        b;2,1,3;51
        c;;20
        """;

    private static PbFormatException Fails(string text) => Assert.Throws<PbFormatException>(() => PbReader.Parse(text));

    [Fact]
    public void Reads_meta_in_order_projects_and_votes()
    {
        var instance = PbReader.Parse(Approval);
        Assert.Equal(["description", "num_projects", "num_votes", "budget", "vote_type", "rule"], instance.Meta.Keys);
        Assert.Equal("Test city", instance.Description);
        Assert.Equal(100, instance.Budget);
        Assert.Equal(PbVoteType.Approval, instance.VoteType);
        Assert.Equal("greedy", instance.Rule);
        Assert.Equal(["project_id", "cost", "votes", "name", "selected"], instance.ProjectColumns);
        Assert.Equal(["1", "2", "3"], instance.Projects.Select(p => p.Id));
        var park = instance.Projects[0];
        Assert.Equal(60, park.Cost);
        Assert.Equal("Park", park.Name);
        Assert.Equal(2, park.Votes);
        Assert.True(park.Selected);
        Assert.False(instance.Projects[1].Selected);
        Assert.Equal(["votes", "selected"], park.Fields.Keys);
        Assert.Equal(3, instance.Votes.Count);
        Assert.Equal(["2", "1", "3"], instance.Votes[1].Projects);
        Assert.Null(instance.Votes[1].Points);
        Assert.Equal("51", instance.Votes[1].Fields["age"]);
        Assert.Empty(instance.Votes[2].Projects);
        Assert.Equal(6, instance.MetaLine("budget"));
    }

    [Fact]
    public void Reads_points_and_keeps_the_order_of_ordinal_ballots()
    {
        var cumulative = PbReader.Parse("""
            META
            key;value
            budget;10
            vote_type;cumulative
            PROJECTS
            project_id;cost
            x;5
            y;5
            VOTES
            voter_id;vote;points
            1;x,y;7,3
            2;y;10
            """);
        Assert.Equal(PbVoteType.Cumulative, cumulative.VoteType);
        Assert.Equal([7L, 3L], cumulative.Votes[0].Points!);
        Assert.Equal([10L], cumulative.Votes[1].Points!);
        Assert.Null(cumulative.Projects[0].Name);

        var ordinal = PbReader.Parse("""
            META
            key;value
            budget;10
            vote_type;ordinal
            PROJECTS
            project_id;cost;name
            x;5;X
            y;5;Y
            z;5;Z
            VOTES
            voter_id;vote
            1;z,x,y
            """);
        Assert.Equal(["z", "x", "y"], ordinal.Votes[0].Projects);
    }

    [Theory]
    [InlineData("100000.0", "100000")]
    [InlineData("100000.00", "100000")]
    [InlineData(" 42 ", "42")]
    [InlineData("1500000.50", "1500000.5")]
    public void Reads_the_budget_as_an_exact_number(string budget, string expected)
    {
        var instance = PbReader.Parse(Approval.Replace("budget;100", "budget;" + budget));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instance.Budget);
    }

    [Theory]
    [InlineData("1e5")]
    [InlineData("abc")]
    [InlineData("1,000")]
    [InlineData("1.000.000")]
    public void Refuses_a_budget_that_is_not_a_number(string budget)
    {
        var e = Fails(Approval.Replace("budget;100", "budget;" + budget));
        Assert.Equal(6, e.Line);
        Assert.Equal("budget", e.Field);
        Assert.Equal($"line 6, field 'budget': '{budget}' is not a number", e.Message);
    }

    [Fact]
    public void A_bad_cost_names_its_line_and_field()
    {
        var e = Fails(Approval.Replace("2;50;2;Library;0", "2;abc;2;Library;0"));
        Assert.Equal("line 12, field 'cost': 'abc' is not a number", e.Message);
        Assert.Equal(12, e.Line);
        Assert.Equal("cost", e.Field);
    }

    [Fact]
    public void A_negative_cost_is_refused()
    {
        var e = Fails(Approval.Replace("2;50;2;Library;0", "2;-50;2;Library;0"));
        Assert.Equal("line 12, field 'cost': '-50' is negative", e.Message);
    }

    [Fact]
    public void An_unknown_vote_type_names_its_line()
    {
        var e = Fails(Approval.Replace("vote_type;approval", "vote_type;quadratic"));
        Assert.Equal(7, e.Line);
        Assert.Equal("vote_type", e.Field);
        Assert.StartsWith("line 7, field 'vote_type': 'quadratic' is not a Pabulib vote type", e.Message);
    }

    [Fact]
    public void A_vote_for_an_unknown_project_names_its_line()
    {
        var e = Fails(Approval.Replace("a;1,2;34", "a;1,9;34"));
        Assert.Equal("line 16, field 'vote': project '9' is not in PROJECTS", e.Message);
    }

    [Fact]
    public void Points_must_match_the_projects_and_be_whole_numbers()
    {
        const string text = """
            META
            key;value
            budget;10
            vote_type;scoring
            PROJECTS
            project_id;cost
            x;5
            y;5
            VOTES
            voter_id;vote;points
            1;x,y;POINTS
            """;
        Assert.Equal("line 11, field 'points': 1 points for 2 projects", Fails(text.Replace("POINTS", "3")).Message);
        Assert.Equal("line 11, field 'points': 'two' is not a whole number", Fails(text.Replace("POINTS", "3,two")).Message);
        Assert.Equal(2, PbReader.Parse(text.Replace("POINTS", "3,2")).Votes[0].Points![1]);
    }

    [Fact]
    public void Cumulative_and_scoring_ballots_need_a_points_column()
    {
        var e = Fails("""
            META
            key;value
            vote_type;cumulative
            PROJECTS
            project_id;cost
            x;5
            VOTES
            voter_id;vote
            1;x
            """);
        Assert.Equal("line 8, field 'points': vote_type 'cumulative' needs a points column", e.Message);
    }

    [Fact]
    public void A_choose_1_ballot_lists_one_project()
    {
        var e = Fails("""
            META
            key;value
            vote_type;choose-1
            PROJECTS
            project_id;cost
            x;5
            y;5
            VOTES
            voter_id;vote
            1;x,y
            """);
        Assert.Equal("line 10, field 'vote': a choose-1 ballot lists 2 projects", e.Message);
    }

    [Fact]
    public void A_row_may_not_have_more_fields_than_the_header()
    {
        var e = Fails(Approval.Replace("3;30;1;Bench;1", "3;30;1;Bench;1;extra"));
        Assert.Equal(13, e.Line);
        Assert.StartsWith("line 13: 6 fields, but the header has 5", e.Message);
    }

    [Fact]
    public void Required_columns_are_named()
    {
        var e = Fails(Approval.Replace("project_id;cost;votes;name;selected", "project_id;price;votes;name;selected"));
        Assert.Equal("line 10, field 'cost': the PROJECTS header has no 'cost' column", e.Message);
        e = Fails(Approval.Replace("voter_id;vote;age", "voter;vote;age"));
        Assert.Equal("line 15, field 'voter_id': the VOTES header has no 'voter_id' column", e.Message);
    }

    [Fact]
    public void Duplicates_are_refused_with_both_lines()
    {
        Assert.Equal("line 12, field 'project_id': project '1' appears twice (first on line 11)",
            Fails(Approval.Replace("2;50;2;Library;0", "1;50;2;Library;0")).Message);
        Assert.Equal("line 17, field 'voter_id': voter 'a' appears twice (first on line 16)",
            Fails(Approval.Replace("b;2,1,3;51", "a;2,1,3;51")).Message);
        Assert.Equal("line 9, field 'rule': appears twice in META (first on line 8)",
            Fails(Approval.Replace("rule;greedy", "rule;greedy\nrule;equalshares")).Message);
    }

    [Fact]
    public void Missing_or_misplaced_sections_are_reported()
    {
        Assert.Equal("line 1: the file is empty; a Pabulib file starts with META", Fails("").Message);
        Assert.Equal("line 1: expected META, found 'PROJECTS'", Fails(Approval[Approval.IndexOf("PROJECTS")..]).Message);
        var noVotes = Approval[..Approval.IndexOf("VOTES")];
        Assert.Equal("line 13: the file ends before the VOTES section", Fails(noVotes).Message);
        Assert.Equal("line 9: expected PROJECTS after META, found VOTES", Fails(Approval.Replace("PROJECTS", "VOTES")).Message);
    }

    [Fact]
    public void Quoted_fields_may_hold_separators_quotes_and_line_breaks()
    {
        var instance = PbReader.Parse(Approval.Replace("2;50;2;Library;0", "2;50;2;\"Books; \"\"more\"\"\nand more\";0"));
        Assert.Equal("Books; \"more\"\nand more", instance.Projects[1].Name);
        // the line break inside the quotes counts: the bench is now on line 14
        var e = Fails(Approval.Replace("2;50;2;Library;0", "2;50;2;\"Two\nlines\";0").Replace("3;30;1;Bench;1", "3;x;1;Bench;1"));
        Assert.Equal("line 14, field 'cost': 'x' is not a number", e.Message);
        Assert.Equal("line 12: a quoted field is not closed before the end of the file",
            Fails(Approval.Replace("2;50;2;Library;0", "2;50;2;\"Library;0")).Message);
    }

    [Fact]
    public void Reads_a_stream_with_a_byte_order_mark_and_crlf_line_ends()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Approval.ReplaceLineEndings("\r\n") + "\r\n\r\n")).ToArray();
        using var stream = new MemoryStream(bytes);
        var instance = PbReader.Read(stream);
        Assert.Equal("description", instance.Meta.Keys.First());
        Assert.Equal("1", instance.Projects[0].Field("selected"));
        Assert.Equal("34", instance.Votes[0].Fields["age"]);
    }

    [Fact]
    public void A_missing_vote_type_means_approval()
    {
        var instance = PbReader.Parse(Approval.Replace("vote_type;approval\n", ""));
        Assert.Equal(PbVoteType.Approval, instance.VoteType);
    }

    [Fact]
    public void Reading_a_missing_file_is_an_io_error_not_a_format_error()
    {
        Assert.Throws<FileNotFoundException>(() => PbReader.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pb")));
    }
}
