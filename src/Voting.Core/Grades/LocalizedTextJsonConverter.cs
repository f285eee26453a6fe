using System.Text.Json;
using System.Text.Json.Serialization;

namespace Voting.Core.Grades;

/// <summary>Reads and writes a <see cref="LocalizedText"/> as a JSON object of strings keyed by language.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("expected an object keyed by language, e.g. {\"fr\": \"...\", \"en\": \"...\"}");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"the text for language '{language}' must be a string");
            if (!texts.TryAdd(language, reader.GetString()!))
                throw new JsonException($"language '{language}' appears twice");
        }
        return new LocalizedText(texts);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value)
            writer.WriteString(language, text);
        writer.WriteEndObject();
    }
}
