using System.Text;
using System.Text.Json;

namespace Voting.Web.Tests;

/// <summary>The duplicate-key check against System.Text.Json's own (a document parsed without duplicates allowed), and the paths it names.</summary>
public class JsonDuplicatesTests
{
    [Fact]
    public void Finds_a_duplicate_exactly_when_a_document_refuses_one()
    {
        var random = new Random(20261201);
        int duplicates = 0;
        for (int i = 0; i < 2000; i++)
        {
            var json = Encoding.UTF8.GetBytes(Value(random, depth: 0));
            var found = JsonDuplicates.Find(json);
            Assert.True((found is not null) == !ParsesWithoutDuplicates(json), $"{Encoding.UTF8.GetString(json)}: {found ?? "no duplicate"}");
            if (found is not null) duplicates++;
        }
        Assert.InRange(duplicates, 300, 1700); // both answers are well exercised
    }

    [Theory]
    [InlineData("""{"grades": {"p1": 4, "p\u0031": 0}}""", "the key 'p1' appears twice in the same object (at $.grades)")]
    [InlineData("""{"a": 1, "b": [{"c": 1}, {"c": 2, "d": [[{"e": 1, "e": 2}]]}]}""", "the key 'e' appears twice in the same object (at $.b[].d[][])")]
    [InlineData("""[{"x": 1}, {"x": 2, "x": 3}]""", "the key 'x' appears twice in the same object (at $[])")]
    [InlineData("""{"a": {"k": 1}, "b": {"k": 1}, "k": {"k": {"k": 1}}}""", null)]
    public void Names_the_key_and_the_object_that_holds_it_twice(string json, string? expected) =>
        Assert.Equal(expected, JsonDuplicates.Find(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Keys_of_a_large_object_then_a_small_one_are_not_mixed()
    {
        var large = "{" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $"\"k{i}\": {i}")) + "}";
        Assert.Null(JsonDuplicates.Find(Encoding.UTF8.GetBytes(large)));
        Assert.Null(JsonDuplicates.Find(Encoding.UTF8.GetBytes("""{"k1": 1, "k2": 2}""")));
        Assert.Equal("the key 'k1' appears twice in the same object (at $)", JsonDuplicates.Find(Encoding.UTF8.GetBytes("""{"k1": 1, "k1": 2}""")));
    }

    private static bool ParsesWithoutDuplicates(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Objects and arrays nested a few levels, with keys from a small set so that some objects repeat one, sometimes escaped.</summary>
    private static string Value(Random random, int depth)
    {
        var kind = depth >= 4 ? 2 : random.Next(depth == 0 ? 2 : 3);
        if (kind == 0)
        {
            var count = random.Next(0, 5);
            var keys = Enumerable.Range(0, count).Select(_ => random.Next(12)).Select(k => random.Next(4) == 0 ? $"k\\u00{48 + k % 10:x2}" : $"k{(char)('0' + k % 10)}");
            return "{" + string.Join(",", keys.Select(k => $"\"{k}\": {Value(random, depth + 1)}")) + "}";
        }
        if (kind == 1)
            return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random, depth + 1))) + "]";
        return random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
