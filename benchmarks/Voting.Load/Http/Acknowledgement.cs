using System.Text.Json;

namespace Voting.Load.Http;

/// <summary>A cast's acknowledgement as the API returns it (201, <c>{"receipt": ..., "revision": ...}</c>).</summary>
public readonly record struct Acknowledgement(string Receipt, long Revision)
{
    public static Acknowledgement Parse(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return new(json.RootElement.GetProperty("receipt").GetString()!, json.RootElement.GetProperty("revision").GetInt64());
    }
}
