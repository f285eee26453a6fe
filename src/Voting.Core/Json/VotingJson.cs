using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Voting.Core.Elections;
using Voting.Core.Grades;

namespace Voting.Core.Json;

/// <summary>The one JSON convention of definitions, results and the election record: camelCase, enums as lowercase strings.</summary>
public static class VotingJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            // Labels such as "J'adore" stay readable; these documents are never embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new LocalizedTextJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The bytes of a definition as the record stores them; their SHA-256 starts the ballot chain.</summary>
    public static byte[] DefinitionBytes(ElectionDefinition definition) =>
        JsonSerializer.SerializeToUtf8Bytes(definition, Indented);

    public static ElectionDefinition ReadDefinition(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ElectionDefinition>(json, Options)
        ?? throw new JsonException("the definition is empty");
}
