using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Voting.Core.Json;

/// <summary>
/// Strings escaped as <see cref="VotingJson"/>'s encoder escapes them, for JSON written by hand: the same bytes the
/// serializer writes between the quotes.
/// </summary>
public static class JsonEscaping
{
    private static readonly JavaScriptEncoder Encoder = VotingJson.Options.Encoder!;

    /// <summary>The ASCII characters the encoder writes as they are.</summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(Enumerable.Range(0, 128).Where(c => !Encoder.WillEncode(c)).Select(c => (char)c).ToArray());

    /// <summary>The bytes a character of a string takes at most, escaped: <c>\uXXXX</c>.</summary>
    public const int MostBytesPerChar = 6;

    /// <summary>
    /// Writes <paramref name="text"/> escaped, without quotes, into <paramref name="destination"/> (room for
    /// <see cref="MostBytesPerChar"/> bytes a character); returns the bytes written. Plain ASCII, most ids, goes as it is.
    /// </summary>
    public static int Write(string text, Span<byte> destination)
    {
        if (text.AsSpan().IndexOfAnyExcept(PlainAscii) < 0) return Encoding.ASCII.GetBytes(text, destination);
        var escaped = JsonEncodedText.Encode(text, Encoder).EncodedUtf8Bytes;
        escaped.CopyTo(destination);
        return escaped.Length;
    }

    /// <summary>UTF-8 text escaped, without quotes.</summary>
    public static byte[] Escaped(ReadOnlySpan<byte> utf8) => JsonEncodedText.Encode(utf8, Encoder).EncodedUtf8Bytes.ToArray();
}
