namespace Voting.Core.Text;

/// <summary>How much of a caller's input an error message may quote: a bounded excerpt, never the whole of it.</summary>
public static class Excerpt
{
    public const int MaxLength = 64;

    /// <summary>The text itself when short, else its first <paramref name="max"/> characters and an ellipsis.</summary>
    public static string Of(string? text, int max = MaxLength)
    {
        if (text is null)
            return "";
        if (text.Length <= max)
            return text;
        // Never cut a surrogate pair in two.
        int cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
