using System.Runtime.InteropServices;
using System.Text.Json;
using Voting.Core.Text;

namespace Voting.Web;

/// <summary>
/// Finds a key that appears twice in one JSON object, at any depth (including dictionaries such as a ballot's
/// grades, where the serializer's own duplicate check does not reach).
/// </summary>
internal static class JsonDuplicates
{
    /// <summary>Sets larger than this are let go after a body, rather than kept at that size for the next one.</summary>
    private const int KeptKeys = 256;

    /// <summary>
    /// The keys seen in the object open at each depth (0: the root), and how each open container was reached: its key,
    /// or null for an array's element. Kept per thread and cleared for each object, as every request body goes through here.
    /// </summary>
    [ThreadStatic]
    private static List<HashSet<string>?>? _keys;

    [ThreadStatic]
    private static List<string?>? _reachedBy;

    /// <summary>A description of the first duplicate key, or null; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static string? Find(ReadOnlySpan<byte> json)
    {
        var keys = _keys ??= [];
        var reachedBy = _reachedBy ??= [];
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            string? property = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var depth = reader.CurrentDepth;
                        At(reachedBy, depth) = property;
                        if (reader.TokenType == JsonTokenType.StartObject)
                            (At(keys, depth) ??= new HashSet<string>(StringComparer.Ordinal)).Clear();
                        property = null;
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        var container = reader.CurrentDepth - 1;
                        if (!keys[container]!.Add(name))
                            return $"the key '{Excerpt.Of(name)}' appears twice in the same object (at {Excerpt.Of(PathTo(reachedBy, container))})";
                        property = name;
                        break;
                    default:
                        property = null;
                        break;
                }
            }
            return null;
        }
        finally
        {
            foreach (var set in keys)
                if (set is { Count: > KeptKeys })
                {
                    set.Clear();
                    set.TrimExcess();
                }
        }
    }

    private static ref T? At<T>(List<T?> list, int index)
    {
        while (list.Count <= index) list.Add(default);
        return ref CollectionsMarshal.AsSpan(list)[index];
    }

    /// <summary>The path of the container at <paramref name="depth"/>: <c>$</c>, then <c>.key</c> or <c>[]</c> per level.</summary>
    private static string PathTo(List<string?> reachedBy, int depth) =>
        "$" + string.Concat(reachedBy.Skip(1).Take(depth).Select(key => key is null ? "[]" : "." + key));
}
