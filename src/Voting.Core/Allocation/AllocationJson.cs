using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Voting.Core.Allocation;

/// <summary>
/// An allocation as JSON: <c>{"rule","budget","selected":[ids in funding order],"cost","left",
/// "projects":[{"id","cost","decision":"funded"|"not funded","kind","reason"}],"notes":[...]}</c>.
/// </summary>
public static class AllocationJson
{
    public static string ToJson(AllocationResult result, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(writer, result);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, AllocationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("rule", result.Rule);
        writer.WriteNumber("budget", result.Budget);
        writer.WriteStartArray("selected");
        foreach (var id in result.Selected)
            writer.WriteStringValue(id);
        writer.WriteEndArray();
        writer.WriteNumber("cost", result.Cost);
        writer.WriteNumber("left", result.Left);
        writer.WriteStartArray("projects");
        foreach (var p in result.Projects)
        {
            writer.WriteStartObject();
            writer.WriteString("id", p.Id);
            writer.WriteNumber("cost", p.Cost);
            writer.WriteString("decision", p.Funded ? "funded" : "not funded");
            writer.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(p.Kind.ToString()));
            writer.WriteString("reason", p.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("notes");
        foreach (var note in result.Notes)
            writer.WriteStringValue(note);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
