namespace Voting.Core.Pabulib;

/// <summary>
/// A row of the PROJECTS section. <see cref="Fields"/> holds every other column by name, in column order
/// (for instance <c>votes</c>, <c>score</c>, <c>selected</c>, <c>category</c>), as written in the file.
/// </summary>
public sealed class PbProject
{
    public PbProject(string id, decimal cost, string? name = null, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        Cost = cost;
        Name = name;
        var ordered = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in fields ?? [])
            ordered[key] = value;
        Fields = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(ordered);
    }

    public string Id { get; }

    /// <summary>The cost, exactly as written (<c>1500000.50</c>).</summary>
    public decimal Cost { get; }

    /// <summary>The <c>name</c> column, or null when the file has none.</summary>
    public string? Name { get; }

    /// <summary>The other columns, in file order.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    public string? Field(string column) => Fields.TryGetValue(column, out var value) ? value : null;

    /// <summary>The <c>votes</c> column when it is a whole number.</summary>
    public long? Votes => PbNumbers.TryParseWhole(Field("votes"), out var v) ? v : null;

    /// <summary>The <c>score</c> column when it is a whole number.</summary>
    public long? Score => PbNumbers.TryParseWhole(Field("score"), out var v) ? v : null;

    /// <summary>The <c>selected</c> column: true for 1, false for 0, null when absent or anything else.</summary>
    public bool? Selected => Field("selected")?.Trim() switch
    {
        "1" => true,
        "0" => false,
        _ => null,
    };

    public override string ToString() => $"{Id} ({Cost})";
}
