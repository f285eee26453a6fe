using System.Text;
using Voting.Core.Allocation;
using Voting.Core.Pabulib;

namespace Voting.Core.Tests.Pabulib;

/// <summary>What real Pabulib files do that pabutools and the pabulib checker accept: each read from a small .pb file.</summary>
public class PbReaderQuirkTests
{
    private static PbInstance ReadFile(string text) => ReadFile(Encoding.UTF8.GetBytes(text));

    private static PbInstance ReadFile(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pb");
        try
        {
            File.WriteAllBytes(path, bytes);
            return PbReader.ReadFile(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Budget_and_costs_with_decimals_are_kept_exact_and_allocated_in_cents()
    {
        var instance = ReadFile("""
            META
            key;value
            budget;100.50
            vote_type;approval
            rule;greedy
            PROJECTS
            project_id;cost
            a;60.25
            b;40.25
            c;40.26
            VOTES
            voter_id;vote
            1;a,b,c
            2;a,b,c
            3;a,b
            """);
        Assert.Equal(100.50m, instance.Budget);
        Assert.Equal(60.25m, instance.FindProject("a")!.Cost);
        Assert.Contains("budget;100.50\n", PbWriter.ToText(instance));
        Assert.Equal(100, PbAllocation.UnitsPerWhole(instance));

        // a and b cost 100.50 together, exactly the budget; c would need 0.01 more than is left
        var result = PbAllocation.Allocate(instance);
        Assert.Equal(["b", "a"], result.Selected);
        Assert.Equal(10050, result.Cost);
        Assert.Equal(0, result.Left);
        Assert.Contains(result.Notes, n => n.EndsWith("every amount is counted in units of 0.01", StringComparison.Ordinal));
    }

    [Fact]
    public void An_approval_ballot_listing_a_project_twice_counts_it_once()
    {
        var instance = ReadFile("""
            META
            key;value
            budget;100
            vote_type;approval
            rule;greedy
            PROJECTS
            project_id;cost
            1;50
            2;50
            VOTES
            voter_id;vote
            a;1,2,1
            b;2,2
            """);
        Assert.Equal(["1", "2"], instance.Votes[0].Projects);
        Assert.Equal(["2"], instance.Votes[1].Projects);
        var scores = PbAllocation.Scores(instance);
        Assert.Equal(1, scores["1"]);
        Assert.Equal(2, scores["2"]);
    }

    [Fact]
    public void A_ranked_or_scored_project_listed_twice_keeps_its_first_place_and_the_same_points()
    {
        var ordinal = ReadFile("""
            META
            key;value
            vote_type;ordinal
            PROJECTS
            project_id;cost
            x;5
            y;5
            z;5
            VOTES
            voter_id;vote
            1;z,x,z,y
            """);
        Assert.Equal(["z", "x", "y"], ordinal.Votes[0].Projects);

        const string scoring = """
            META
            key;value
            vote_type;scoring
            PROJECTS
            project_id;cost
            x;5
            y;5
            VOTES
            voter_id;vote;points
            1;x,y,x;POINTS
            """;
        var same = ReadFile(scoring.Replace("POINTS", "3,1,3"));
        Assert.Equal(["x", "y"], same.Votes[0].Projects);
        Assert.Equal([3L, 1L], same.Votes[0].Points!);
        var e = Assert.Throws<PbFormatException>(() => ReadFile(scoring.Replace("POINTS", "3,1,2")));
        Assert.Equal("line 10, field 'points': project 'x' appears twice, with 3 and 2 points", e.Message);
    }

    [Fact]
    public void Blank_lines_and_lines_of_empty_fields_are_skipped_anywhere()
    {
        var instance = ReadFile("""

            META

            key;value
            budget;100
            ;
            PROJECTS
            project_id;cost;name

            1;60;Park
            ;;
            2;40;Library
            VOTES

            voter_id;vote
            a;1

            b;2
            ;


            """);
        Assert.Equal(100, instance.Budget);
        Assert.Equal(["1", "2"], instance.Projects.Select(p => p.Id));
        Assert.Equal(["a", "b"], instance.Votes.Select(v => v.VoterId));
        Assert.Equal(5, instance.MetaLine("budget"));
    }

    [Fact]
    public void Trailing_semicolons_are_ignored_on_every_line()
    {
        var instance = ReadFile("""
            META;
            key;value;
            budget;100;
            description;Old town;;
            PROJECTS;;
            project_id;cost;name;
            1;60;Park;
            2;40;Library;;
            VOTES;
            voter_id;vote;
            a;1,2;
            b;2
            """);
        Assert.Equal(["budget", "description"], instance.Meta.Keys);
        Assert.Equal(100, instance.Budget);
        Assert.Equal("Old town", instance.Description);
        Assert.Equal(["project_id", "cost", "name"], instance.ProjectColumns);
        Assert.Equal("Library", instance.Projects[1].Name);
        Assert.Equal(["voter_id", "vote"], instance.VoteColumns);
        Assert.Equal(["1", "2"], instance.Votes[0].Projects);
    }

    [Fact]
    public void Whitespace_around_fields_is_not_part_of_them_but_inside_quotes_it_is()
    {
        var instance = ReadFile("""
            META
            key ; value
            budget ;	100
            description; Old town 
            PROJECTS
            project_id ; cost ; name ; category
             1 ; 60 ; Park ;" green "
            2;40; "Library; books" ;culture
            VOTES
            voter_id ; vote
             a ; 1 , 2 
            """);
        Assert.Equal(100, instance.Budget);
        Assert.Equal("Old town", instance.Description);
        Assert.Equal(["project_id", "cost", "name", "category"], instance.ProjectColumns);
        Assert.Equal("Park", instance.FindProject("1")!.Name);
        Assert.Equal(" green ", instance.FindProject("1")!.Field("category"));
        Assert.Equal("Library; books", instance.FindProject("2")!.Name);
        Assert.Equal("a", instance.Votes[0].VoterId);
        Assert.Equal(["1", "2"], instance.Votes[0].Projects);
    }

    [Fact]
    public void Section_names_the_meta_header_meta_keys_and_column_names_may_be_in_any_case()
    {
        var instance = ReadFile("""
            meta
            Key;Value
            Budget;100
            VOTE_TYPE;cumulative
            Projects
            Project_ID;COST;Name
            1;60;Park
            2;40;Library
            votes
            Voter_Id;Vote;Points
            a;1,2;3,7
            """);
        Assert.Equal(["budget", "vote_type"], instance.Meta.Keys);
        Assert.Equal(100, instance.Budget);
        Assert.Equal(PbVoteType.Cumulative, instance.VoteType);
        Assert.Equal(["project_id", "cost", "name"], instance.ProjectColumns);
        Assert.Equal("Park", instance.Projects[0].Name);
        Assert.Equal([3L, 7L], instance.Votes[0].Points!);
        Assert.Equal("line 4, field 'budget': appears twice in META (first on line 3)",
            Assert.Throws<PbFormatException>(() => ReadFile("META\nkey;value\nbudget;1\nBUDGET;2\nPROJECTS\nproject_id;cost\nVOTES\n")).Message);
    }

    [Fact]
    public void Fields_missing_at_the_end_of_a_row_are_empty()
    {
        var instance = ReadFile("""
            META
            key;value
            budget;100
            PROJECTS
            project_id;cost;name;selected
            1;60;Park;1
            2;40
            VOTES
            voter_id;vote;age
            a;1,2;34
            b
            """);
        Assert.Equal("", instance.FindProject("2")!.Name);
        Assert.Null(instance.FindProject("2")!.Selected);
        Assert.Empty(instance.Votes[1].Projects);
        Assert.Equal("", instance.Votes[1].Fields["age"]);
    }

    [Fact]
    public void Empty_items_of_vote_and_points_lists_are_left_out()
    {
        var instance = ReadFile("""
            META
            key;value
            vote_type;scoring
            PROJECTS
            project_id;cost
            x;5
            y;5
            VOTES
            voter_id;vote;points
            1;x,,y,;2,,1,
            2;,y;,4
            """);
        Assert.Equal(["x", "y"], instance.Votes[0].Projects);
        Assert.Equal([2L, 1L], instance.Votes[0].Points!);
        Assert.Equal(["y"], instance.Votes[1].Projects);
        Assert.Equal([4L], instance.Votes[1].Points!);
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_are_read()
    {
        const string text = "META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost;name\n1;60;Park\nVOTES\nvoter_id;vote\na;1\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"))).ToArray();
        var instance = ReadFile(bytes);
        Assert.Equal(["budget"], instance.Meta.Keys);
        Assert.Equal("Park", instance.Projects[0].Name);
        Assert.Equal(["1"], instance.Votes[0].Projects);
    }

    [Fact]
    public void Optional_columns_and_meta_may_be_missing()
    {
        // no name, votes, score or selected column, no vote_type (approval), no rule, no voter beyond the header
        var instance = ReadFile("""
            META
            key;value
            budget;100
            PROJECTS
            project_id;cost
            1;60
            2;40
            VOTES
            voter_id;vote
            """);
        Assert.Equal(PbVoteType.Approval, instance.VoteType);
        Assert.Null(instance.Rule);
        Assert.Null(instance.Projects[0].Name);
        Assert.Null(instance.Projects[0].Score);
        Assert.Empty(instance.Votes);
        Assert.Equal(["2", "1"], PbAllocation.Allocate(instance, AllocationRules.Greedy).Selected);
    }
}
