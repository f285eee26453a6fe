using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Voting.Core.Json;
using Voting.Core.Text;

namespace Voting.Web;

/// <summary>
/// Reads a request body as JSON with the engine's conventions (<see cref="VotingJson.Options"/>: duplicate keys
/// and unknown members rejected), within a size limit, and turns every problem into the 4xx it deserves.
/// </summary>
internal static class JsonBody
{
    /// <summary>The engine's conventions, and a member the request does not know is refused (a typo never falls back to a default).</summary>
    private static readonly JsonSerializerOptions Options = new(VotingJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static async Task<(T? Value, IResult? Error)> Read<T>(HttpContext context, long limit) where T : class
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
            return (null, ApiProblems.Result(StatusCodes.Status415UnsupportedMediaType, NotJson(request)));
        if (request.ContentLength > limit)
            return (null, TooLarge(limit));

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = limit;

        // Room for the declared body and the read that finds its end, so that a body of known length is read into one
        // array of its size; one of unknown length starts at 4 KiB and doubles as it needs.
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)Math.Min(n, limit) + 1 : 4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory();
                int read = await request.Body.ReadAsync(memory, context.RequestAborted);
                if (read == 0)
                    break;
                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                    return (null, TooLarge(limit));
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limit));
        }

        if (buffer.WrittenCount == 0)
            return (null, Bad("the body is empty; send a JSON object"));
        var (value, error) = Parse<T>(buffer.WrittenSpan);
        return error is null ? (value, null) : (null, Bad(error));
    }

    /// <summary>The JSON's value, or why it is not one (saying where, never naming a .NET type): a duplicate key, malformed or unreadable JSON, or null.</summary>
    public static (T? Value, string? Error) Parse<T>(ReadOnlySpan<byte> json) where T : class
    {
        try
        {
            if (JsonDuplicates.Find(json) is { } duplicate)
                return (null, "duplicate key: " + duplicate);
        }
        catch (JsonException e)
        {
            return (null, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }
        catch (InvalidOperationException)
        {
            return (null, "malformed JSON: the text is not valid UTF-8");
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Options);
            return value is null ? (null, "the body is null; send a JSON object") : (value, null);
        }
        catch (JsonException e)
        {
            return (null, $"unexpected value at {Excerpt.Of(e.Path ?? "$")}: an unknown member, or a value of the wrong type, null or out of range");
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, "unreadable JSON: a value is not of the expected kind");
        }
    }

    /// <summary>Why a body of another content type is refused (here, and where routing refuses it first).</summary>
    public static string NotJson(HttpRequest request) =>
        $"send the body as application/json (got '{Excerpt.Of(request.ContentType ?? "no content type")}')";

    private static IResult Bad(string error) => ApiProblems.Result(StatusCodes.Status400BadRequest, error);

    private static IResult TooLarge(long limit) =>
        ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, $"the body is larger than the limit of {limit} bytes");
}
