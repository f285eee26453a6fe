using Voting.Core.Counting;

namespace Voting.Core.Tests.Counting;

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
