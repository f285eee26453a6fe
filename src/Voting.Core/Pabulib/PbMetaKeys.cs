namespace Voting.Core.Pabulib;

/// <summary>The META keys of the Pabulib format, in the order the format lists them (pabulib.org/format).</summary>
public static class PbMetaKeys
{
    public static IReadOnlyList<string> Order { get; } =
    [
        "description", "country", "unit", "district", "subunit", "instance", "num_projects", "num_votes", "budget",
        "vote_type", "rule", "date_begin", "date_end", "min_length", "max_length", "min_sum_cost", "max_sum_cost",
        "min_points", "max_points", "min_sum_points", "max_sum_points", "default_score", "min_project_cost",
        "max_project_cost", "min_project_score_threshold", "neighborhoods", "subdistricts", "categories", "edition",
        "language", "currency", "fully_funded", "experimental", "comment", "acknowledgments",
    ];

    /// <summary>The entries in the format's order; keys the format does not list come last, in the order given.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Sort(IEnumerable<KeyValuePair<string, string>> meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return meta.OrderBy(entry => Position(entry.Key));
    }

    private static readonly Dictionary<string, int> Positions =
        Order.Select((key, position) => (key, position)).ToDictionary(x => x.key, x => x.position, StringComparer.Ordinal);

    private static int Position(string key) => Positions.TryGetValue(key, out var position) ? position : Order.Count;
}
