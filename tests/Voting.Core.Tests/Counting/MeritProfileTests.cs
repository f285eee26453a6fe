using Voting.Core.Counting;

namespace Voting.Core.Tests.Counting;

public class MeritProfileTests
{
    [Fact]
    public void Adding_and_removing_judgments_keeps_counts_and_total()
    {
        var profile = new MeritProfile(4);
        profile.Add(3);
        profile.Add(1, 5);
        profile.Remove(1, 2);
        Assert.Equal([0, 3, 0, 1], profile.ToArray());
        Assert.Equal(4, profile.Total);
    }

    [Fact]
    public void Removing_a_judgment_that_is_not_there_is_refused()
    {
        var profile = new MeritProfile([1, 0]);
        Assert.Throws<InvalidOperationException>(() => profile.Remove(1));
        Assert.Equal([1, 0], profile.ToArray());
    }

    [Fact]
    public void Negative_counts_are_refused() =>
        Assert.Throws<ArgumentException>(() => new MeritProfile([1, -1]));

    [Fact]
    public void Totals_beyond_64_bits_overflow_loudly() =>
        Assert.Throws<OverflowException>(() => new MeritProfile([long.MaxValue, 1]));
}

public class BalancingPolicyTests
{
    [Theory]
    [InlineData("static:0", BalancingKind.Static, 0)]
    [InlineData("static:3", BalancingKind.Static, 3)]
    [InlineData("median", BalancingKind.Median, 0)]
    [InlineData("normalize", BalancingKind.Normalize, 0)]
    public void Parses_the_policies_of_the_spec(string text, BalancingKind kind, int grade)
    {
        var policy = BalancingPolicy.Parse(text);
        Assert.Equal(new BalancingPolicy(kind, grade), policy);
        Assert.Equal(text, policy.ToString());
    }

    [Theory]
    [InlineData("static")]
    [InlineData("static:-1")]
    [InlineData("Median")]
    [InlineData("")]
    public void Refuses_anything_else(string text)
    {
        Assert.False(BalancingPolicy.TryParse(text, out _, out var error));
        Assert.Contains($"'{text}'", error);
    }
}
