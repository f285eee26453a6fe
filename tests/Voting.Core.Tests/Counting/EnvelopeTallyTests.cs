using Voting.Core.Elections;
using Voting.Core.Grades;
using Voting.Core.Results;

namespace Voting.Core.Tests.Counting;

public class EnvelopeTallyTests
{
    private static EnvelopeTally NewTally() => new(
        new EnvelopeDefinition("city", [new ProjectDefinition("a", LocalizedText.Plain("A")), new ProjectDefinition("b", LocalizedText.Plain("B"))]),
        grades: 3);

    [Fact]
    public void A_ballot_adds_one_judgment_per_graded_project_and_one_judge()
    {
        var tally = NewTally();
        tally.Add(new Dictionary<string, int> { ["a"] = 2, ["b"] = 0 });
        tally.Add(new Dictionary<string, int> { ["a"] = 2 });
        tally.Add([1, -1]);
        Assert.Equal([0, 1, 2], tally.Profile("a"));
        Assert.Equal([1, 0, 0], tally.Profile("b"));
        Assert.Equal(3, tally.Ballots);
    }

    [Fact]
    public void Removing_a_ballot_takes_back_exactly_its_judgments()
    {
        var tally = NewTally();
        var first = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 };
        tally.Add(first);
        tally.Add(new Dictionary<string, int> { ["a"] = 0 });
        tally.Remove(first);
        Assert.Equal([1, 0, 0], tally.Profile("a"));
        Assert.Equal([0, 0, 0], tally.Profile("b"));
        Assert.Equal(1, tally.Ballots);
    }

    [Fact]
    public void A_refused_ballot_changes_nothing()
    {
        var tally = NewTally();
        tally.Add(new Dictionary<string, int> { ["a"] = 1 });
        Assert.Throws<InvalidOperationException>(() => tally.Remove(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }));
        Assert.Throws<ArgumentException>(() => tally.Add(new Dictionary<string, int> { ["a"] = 1, ["b"] = 3 }));
        Assert.Throws<ArgumentException>(() => tally.Add(new Dictionary<string, int> { ["a"] = 1, ["zzz"] = 0 }));
        Assert.Equal([0, 1, 0], tally.Profile("a"));
        Assert.Equal([0, 0, 0], tally.Profile("b"));
        Assert.Equal(1, tally.Ballots);
    }
}
