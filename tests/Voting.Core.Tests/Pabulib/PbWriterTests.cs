using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Voting.Core.Pabulib;

namespace Voting.Core.Tests.Pabulib;

public class PbWriterTests
{
    private static readonly PbGradedProject[] Projects =
    [
        new("p1", 40000, "Trees on the square"),
        new("p2", 25000, "Bike racks; covered"),
        new("p3", 10000, "A \"quiet\" room"),
    ];

    private static PbInstance Export() => PbScoringExport.Create(
        "Paris 11e, 2026", 60000, 5, Projects,
        [
            new("r1", new Dictionary<string, int> { ["p1"] = 4, ["p2"] = 2, ["p3"] = 0 }),
            new("r2", new Dictionary<string, int> { ["p3"] = 3, ["p1"] = 1 }),
            new("r3", new Dictionary<string, int>()),
        ],
        rule: "greedy",
        extraMeta: [new("country", "France"), new("currency", "EUR")]);

    [Fact]
    public void The_scoring_export_writes_grades_as_points_best_first_and_meta_in_the_format_order()
    {
        var text = PbWriter.ToText(Export());
        Assert.Equal("""
            META
            key;value
            description;Paris 11e, 2026
            country;France
            num_projects;3
            num_votes;3
            budget;60000
            vote_type;scoring
            rule;greedy
            min_points;0
            max_points;4
            currency;EUR
            PROJECTS
            project_id;cost;score;name
            p1;40000;5;Trees on the square
            p2;25000;2;"Bike racks; covered"
            p3;10000;3;"A ""quiet"" room"
            VOTES
            voter_id;vote;points
            r1;p1,p2,p3;4,2,0
            r2;p3,p1;3,1
            r3;;

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Equal_points_keep_the_project_order()
    {
        var instance = PbScoringExport.Create("d", 60000, 5, Projects,
            [new("v", new Dictionary<string, int> { ["p3"] = 2, ["p1"] = 2, ["p2"] = 4 })]);
        Assert.Equal(["p2", "p1", "p3"], instance.Votes[0].Projects);
        Assert.Equal([4L, 2L, 2L], instance.Votes[0].Points!);
    }

    [Fact]
    public void The_selected_column_and_fully_funded_are_written_when_known()
    {
        var projects = Projects.Select(p => p with { Selected = p.Id != "p2" }).ToArray();
        var text = PbWriter.ToText(PbScoringExport.Create("d", 75000, 5, projects, []));
        Assert.Contains("\nfully_funded;1\n", text);
        Assert.Contains("\nproject_id;cost;score;name;selected\np1;40000;0;Trees on the square;1\np2;25000;0;\"Bike racks; covered\";0\n", text);
        var partly = PbWriter.ToText(PbScoringExport.Create("d", 74999, 5, projects, []));
        Assert.DoesNotContain("fully_funded", partly);
    }

    [Fact]
    public void Writing_then_reading_gives_the_same_instance()
    {
        var instance = Export();
        var again = PbReader.Parse(PbWriter.ToText(instance));
        PbAssert.Same(instance, again);
        Assert.Equal(PbVoteType.Scoring, again.VoteType);
        Assert.Equal(60000, again.Budget);
        Assert.Equal(5, again.FindProject("p1")!.Score);
    }

    [Fact]
    public void Round_trips_through_a_stream_and_a_file()
    {
        var instance = Export();
        using var stream = new MemoryStream();
        PbWriter.Write(instance, stream);
        stream.Position = 0;
        PbAssert.Same(instance, PbReader.Read(stream));

        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".pb");
        try
        {
            PbWriter.WriteFile(instance, path);
            PbAssert.Same(instance, PbReader.ReadFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Names_with_line_breaks_round_trip()
    {
        var instance = PbScoringExport.Create("d", 10, 3, [new("a", 5, "two\nlines"), new("b", 5, "\"quoted\"")],
            [new("v", new Dictionary<string, int> { ["a"] = 2 })]);
        PbAssert.Same(instance, PbReader.Parse(PbWriter.ToText(instance)));
    }

    [Fact]
    public void The_export_refuses_grades_outside_the_scale_and_unknown_projects()
    {
        Assert.Throws<ArgumentException>(() => PbScoringExport.Create("d", 10, 3, Projects,
            [new("v", new Dictionary<string, int> { ["p1"] = 3 })]));
        Assert.Throws<ArgumentException>(() => PbScoringExport.Create("d", 10, 3, Projects,
            [new("v", new Dictionary<string, int> { ["p9"] = 1 })]));
        Assert.Throws<ArgumentException>(() => PbScoringExport.Create("d", 10, 3, Projects,
            [new("v", new Dictionary<string, int>()), new("v", new Dictionary<string, int>())]));
    }

    private static Gen<PbInstance> Instances() =>
        from grades in Gen.Choose(2, 10)
        from projectCount in Gen.Choose(0, 6)
        from costs in Gen.ArrayOf(Gen.Choose(0, 100000), projectCount)
        from names in Gen.ArrayOf(Gen.Elements("Park", "a;b", "say \"hi\"", "", "line\nbreak", "Łąka kwietna", " padded "), projectCount)
        from ballotCount in Gen.Choose(0, 12)
        from graded in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(-1, grades - 1), projectCount), ballotCount)
        from budget in Gen.Choose(0, 1000000)
        let projects = Enumerable.Range(0, projectCount).Select(i => new PbGradedProject("p" + i, costs[i], names[i])).ToArray()
        let ballots = graded.Select((g, v) => new PbGradedBallot("v" + v,
            g.Select((grade, p) => (grade, p)).Where(x => x.grade >= 0).ToDictionary(x => "p" + x.p, x => x.grade))).ToArray()
        select PbScoringExport.Create("random", budget, grades, projects, ballots, "greedy");

    [Property(MaxTest = 200)]
    public Property Any_export_round_trips() => Prop.ForAll(Instances().ToArbitrary(), instance =>
    {
        PbAssert.Same(instance, PbReader.Parse(PbWriter.ToText(instance)));
    });
}
