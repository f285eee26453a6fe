using System.Globalization;
using Voting.Core.Text;

namespace Voting.Core.Counting;

/// <summary>A balancing policy as docs/counting.md names it: <c>static:K</c>, <c>median</c> or <c>normalize</c>.</summary>
public sealed record BalancingPolicy(BalancingKind Kind, int StaticGrade = 0)
{
    public static BalancingPolicy Default { get; } = new(BalancingKind.Static, 0);

    public static BalancingPolicy Parse(string text)
    {
        if (TryParse(text, out var policy, out var error))
            return policy;
        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out BalancingPolicy policy, out string error)
    {
        policy = Default;
        error = "";
        switch (text)
        {
            case "median":
                policy = new BalancingPolicy(BalancingKind.Median);
                return true;
            case "normalize":
                policy = new BalancingPolicy(BalancingKind.Normalize);
                return true;
        }
        if (text is not null && text.StartsWith("static:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan("static:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var grade))
        {
            policy = new BalancingPolicy(BalancingKind.Static, grade);
            return true;
        }
        error = $"unknown balancing policy '{Excerpt.Of(text)}': expected static:K, median or normalize";
        return false;
    }

    public override string ToString() => Kind switch
    {
        BalancingKind.Static => "static:" + StaticGrade.ToString(CultureInfo.InvariantCulture),
        BalancingKind.Median => "median",
        _ => "normalize",
    };
}
