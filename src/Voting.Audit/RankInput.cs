using System.Text.Json;
using Voting.Core.Counting;

namespace Voting.Audit;

/// <summary>
/// The input of <c>rank</c>: <c>{"grades": G, "tallies": {"A": [counts worst..best], ...},
/// "balancing": {"default": "static:K" | "median" | "normalize", "judges": J}}</c>.
/// </summary>
public sealed record RankInput(int Grades, IReadOnlyList<ProjectTally> Tallies, BalancingPolicy Policy, long Judges)
{
    public static RankInput Read(string path)
    {
        if (!File.Exists(path)) throw new AuditError($"{path}: no such file");
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new AuditError($"{path} line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: malformed JSON: {FirstSentence(e.Message)}");
        }
        using (document)
            return Parse(path, document.RootElement);
    }

    private static RankInput Parse(string path, JsonElement root)
    {
        AuditError Error(string at, string what) => new($"{path}, {at}: {what}");

        if (root.ValueKind != JsonValueKind.Object) throw Error("top level", "expected an object with \"grades\" and \"tallies\"");
        if (!root.TryGetProperty("grades", out var gradesElement) || !gradesElement.TryGetInt32(out int grades))
            throw Error("field 'grades'", "expected the number of grades, a whole number");
        if (grades < 2) throw Error("field 'grades'", $"{grades} grades: a scale needs at least 2");

        if (!root.TryGetProperty("tallies", out var talliesElement) || talliesElement.ValueKind != JsonValueKind.Object)
            throw Error("field 'tallies'", "expected an object of projects, each with its counts worst..best");
        var tallies = new List<ProjectTally>();
        foreach (var project in talliesElement.EnumerateObject())
        {
            var at = $"tallies.{project.Name}";
            if (project.Value.ValueKind != JsonValueKind.Array) throw Error(at, "expected an array of counts");
            var counts = new List<long>();
            foreach (var count in project.Value.EnumerateArray())
            {
                if (count.ValueKind != JsonValueKind.Number || !count.TryGetInt64(out long value))
                    throw Error($"{at}[{counts.Count}]", $"'{count.GetRawText()}' is not a whole number");
                if (value < 0) throw Error($"{at}[{counts.Count}]", $"negative count {value}");
                counts.Add(value);
            }
            if (counts.Count != grades) throw Error(at, $"{counts.Count} counts for {grades} grades");
            tallies.Add(new ProjectTally(project.Name, counts));
        }

        long largest = 0;
        foreach (var tally in tallies)
        {
            try { largest = Math.Max(largest, checked(tally.Counts.Sum())); }
            catch (OverflowException) { throw Error($"tallies.{tally.Id}", "the counts add up beyond 2^63"); }
        }

        var policy = BalancingPolicy.Default;
        long judges = largest;
        if (root.TryGetProperty("balancing", out var balancing) && balancing.ValueKind != JsonValueKind.Null)
        {
            if (balancing.ValueKind != JsonValueKind.Object) throw Error("field 'balancing'", "expected {\"default\": policy, \"judges\": J}");
            if (balancing.TryGetProperty("default", out var name))
            {
                if (name.ValueKind != JsonValueKind.String)
                    throw Error("field 'balancing.default'", "expected a string: static:K, median or normalize");
                if (!BalancingPolicy.TryParse(name.GetString(), out policy, out var error))
                    throw Error("field 'balancing.default'", error);
                if (policy.Kind == BalancingKind.Static && policy.StaticGrade >= grades)
                    throw Error("field 'balancing.default'", $"static grade {policy.StaticGrade} is outside the scale of {grades} grades");
            }
            if (balancing.TryGetProperty("judges", out var judgesElement))
            {
                if (!judgesElement.TryGetInt64(out judges) || judges < 0)
                    throw Error("field 'balancing.judges'", "expected a non-negative whole number");
                if (policy.Kind != BalancingKind.Normalize && judges < largest)
                    throw Error("field 'balancing.judges'", $"{judges} judges, but a project has {largest} judgments");
            }
        }
        return new RankInput(grades, tallies, policy, judges);
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
