using System.Text.Json;
using Voting.Core.Text;

namespace Voting.Web;

/// <summary>
/// Finds a key that appears twice in one JSON object, at any depth (including dictionaries such as a ballot's
/// grades, where the serializer's own duplicate check does not reach).
/// </summary>
internal static class JsonDuplicates
{
    /// <summary>A description of the first duplicate key, or null; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static string? Find(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var keys = new Stack<HashSet<string>?>();
        var paths = new Stack<string>();
        var path = "$";
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    paths.Push(path);
                    path = property is null ? (keys.Count == 0 ? "$" : path + "[]") : path + "." + property;
                    keys.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                    property = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    keys.Pop();
                    path = paths.Pop();
                    property = null;
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    if (!keys.Peek()!.Add(name))
                        return $"the key '{Excerpt.Of(name)}' appears twice in the same object (at {Excerpt.Of(path)})";
                    property = name;
                    continue;
                default:
                    property = null;
                    break;
            }
        }
        return null;
    }
}
