using System.Text.Json;
using System.Text.Json.Serialization;

namespace Voting.Audit;

/// <summary>The JSON form of a verification report (<c>verify --json</c>): camelCase, statuses as strings.</summary>
internal static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
