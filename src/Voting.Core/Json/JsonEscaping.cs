using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Voting.Core.Json;

/// <summary>
/// How <see cref="VotingJson"/>'s encoder escapes strings, for text written by hand: a string it keeps as it is needs
/// no escaping, and finding that out is cheaper than escaping.
/// </summary>
public static class JsonEscaping
{
    private static readonly JavaScriptEncoder Encoder = VotingJson.Options.Encoder!;

    private static readonly IEnumerable<int> PlainAsciiCodes = Enumerable.Range(0, 128).Where(c => !Encoder.WillEncode(c));

    /// <summary>The ASCII bytes the encoder writes as they are.</summary>
    private static readonly SearchValues<byte> PlainAsciiBytes = SearchValues.Create(PlainAsciiCodes.Select(c => (byte)c).ToArray());

    /// <summary>The ASCII characters the encoder writes as they are.</summary>
    private static readonly SearchValues<char> PlainAsciiChars = SearchValues.Create(PlainAsciiCodes.Select(c => (char)c).ToArray());

    /// <summary>Whether the encoder writes this UTF-8 text as it is: plain ASCII and the other characters it keeps.</summary>
    public static bool KeptAsIs(ReadOnlySpan<byte> utf8)
    {
        for (int at = utf8.IndexOfAnyExcept(PlainAsciiBytes); at >= 0; at = utf8.IndexOfAnyExcept(PlainAsciiBytes))
        {
            utf8 = utf8[at..];
            if (Rune.DecodeFromUtf8(utf8, out var rune, out int length) != OperationStatus.Done || rune.IsAscii || Encoder.WillEncode(rune.Value))
                return false;
            utf8 = utf8[length..];
        }
        return true;
    }

    /// <summary>Whether the text is plain ASCII that the encoder writes as it is (a quick check: false says nothing).</summary>
    public static bool IsPlainAscii(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(PlainAsciiChars) < 0;

    /// <summary>UTF-8 text as the encoder escapes it, without quotes.</summary>
    public static byte[] Escaped(ReadOnlySpan<byte> utf8) => JsonEncodedText.Encode(utf8, Encoder).EncodedUtf8Bytes.ToArray();
}
