using System.Text;
using System.Text.Json.Serialization;
using Voting.Core.Trail;

namespace Voting.Core.Record;

public enum CheckStatus
{
    Pass,
    Fail,

    /// <summary>The check could not run (a file missing or unreadable upstream); never counts as a pass.</summary>
    NotChecked,
}

/// <summary>One problem, where it is: the file, the line (1 = first line) and the field or column, when known.</summary>
public sealed record Finding(string File, long? Line, string? Field, string Message)
{
    [JsonIgnore]
    public string Location
    {
        get
        {
            var text = new StringBuilder(File);
            if (Line is { } line) text.Append(" line ").Append(line);
            if (Field is not null) text.Append(Line is null ? " " : ", ").Append(Field);
            return text.ToString();
        }
    }

    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>
/// The outcome of one check. <see cref="Findings"/> keeps the first <see cref="VerificationReport.MaxFindingsPerCheck"/>
/// problems; <see cref="TotalFindings"/> counts them all.
/// </summary>
public sealed record CheckResult(string Id, string Title, CheckStatus Status, string Summary, IReadOnlyList<Finding> Findings, long TotalFindings);

/// <summary>Every check of a record; it passes only when every check passes. <see cref="Trail"/>: the record's audit trail, when it could be read.</summary>
public sealed record VerificationReport(string Record, IReadOnlyList<CheckResult> Checks, IReadOnlyList<TrailEntry>? Trail = null)
{
    public const int MaxFindingsPerCheck = 100;

    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Status == CheckStatus.Pass);

    public CheckResult this[string id] => Checks.Single(c => c.Id == id);

    [JsonIgnore]
    public IEnumerable<Finding> Findings => Checks.SelectMany(c => c.Findings);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var check in Checks)
        {
            text.Append(check.Status switch { CheckStatus.Pass => "PASS", CheckStatus.Fail => "FAIL", _ => "NOT CHECKED" })
                .Append("  ").Append(check.Id).Append(": ").Append(check.Title).Append(" — ").AppendLine(check.Summary);
            foreach (var finding in check.Findings) text.Append("    ").AppendLine(finding.ToString());
            if (check.TotalFindings > check.Findings.Count)
                text.Append("    … and ").Append(check.TotalFindings - check.Findings.Count).AppendLine(" more");
        }
        text.AppendLine(Passed ? "VERIFIED" : "NOT VERIFIED");
        return text.ToString();
    }
}

/// <summary>Collects the findings of one check, thread-safe, keeping the first ones.</summary>
internal sealed class FindingList
{
    private readonly List<Finding> _kept = [];
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(string file, long? line, string? field, string message)
    {
        Interlocked.Increment(ref _total);
        lock (_kept)
            if (_kept.Count < VerificationReport.MaxFindingsPerCheck) _kept.Add(new Finding(file, line, field, message));
    }

    /// <summary>Counts problems found but not kept.</summary>
    public void AddCount(long count) => Interlocked.Add(ref _total, count);

    public IReadOnlyList<Finding> Kept
    {
        get
        {
            lock (_kept) return _kept.ToArray();
        }
    }
}
