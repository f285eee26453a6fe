using System.Text.Json;
namespace Voting.Core.Record;

/// <summary>Reads back a ballot event from its canonical bytes (see <see cref="BallotChain.WriteCanonical"/>).</summary>
public static class CanonicalEventReader
{
    public static BallotEvent Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        long? sequence = null;
        string? receipt = null, replaces = null, envelope = null;
        Dictionary<string, int>? grades = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "sequence": sequence = reader.GetInt64(); break;
                case "receipt": receipt = reader.GetString(); break;
                case "replaces": replaces = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "envelope": envelope = reader.GetString(); break;
                case "grades":
                    if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("grades: expected an object");
                    grades = new Dictionary<string, int>(StringComparer.Ordinal);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var project = reader.GetString()!;
                        reader.Read();
                        if (!grades.TryAdd(project, reader.GetInt32())) throw new JsonException($"grades: project '{project}' twice");
                    }
                    break;
                default: throw new JsonException($"unexpected field '{name}'");
            }
        }
        return new BallotEvent(
            sequence ?? throw new JsonException("sequence missing"),
            receipt ?? throw new JsonException("receipt missing"),
            replaces,
            envelope ?? throw new JsonException("envelope missing"),
            grades ?? throw new JsonException("grades missing"));
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token) throw new JsonException($"expected {token}");
    }
}
