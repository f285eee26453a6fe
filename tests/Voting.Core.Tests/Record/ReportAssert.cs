using Voting.Core.Record;

namespace Voting.Core.Tests.Record;

/// <summary>What the tampering tests expect of a verification report.</summary>
internal static class ReportAssert
{
    /// <summary>The record fails, and <paramref name="check"/> fails with a finding that <paramref name="where"/> picks.</summary>
    public static void Fails(VerificationReport report, string check, Func<Finding, bool> where)
    {
        Assert.False(report.Passed);
        var result = report[check];
        Assert.True(result.Status == CheckStatus.Fail, $"{check} is {result.Status}\n{report}");
        Assert.True(result.Findings.Any(where), $"no such finding in {check}\n{report}");
    }

    public static void Passes(VerificationReport report, params string[] checks)
    {
        foreach (var check in checks)
            Assert.True(report[check].Status == CheckStatus.Pass, $"{check} is {report[check].Status}\n{report}");
    }
}
