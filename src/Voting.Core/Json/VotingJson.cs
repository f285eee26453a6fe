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
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Gives options that start from <see cref="JsonSerializerDefaults.Web"/> this convention: how the HTTP API, the
    /// live results hub and the API's description take it from here.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.AllowDuplicateProperties = false;
        options.RespectNullableAnnotations = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.NumberHandling = JsonNumberHandling.Strict;
        // Labels such as "J'adore" stay readable; these documents are never embedded in HTML.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new LocalizedTextJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    /// <summary>The bytes of a definition as the record stores them; their SHA-256 starts the ballot chain.</summary>
    public static byte[] DefinitionBytes(ElectionDefinition definition) =>
        JsonSerializer.SerializeToUtf8Bytes(definition, Indented);

    public static ElectionDefinition ReadDefinition(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ElectionDefinition>(json, Options)
        ?? throw new JsonException("the definition is empty");
}
