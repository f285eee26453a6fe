using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Voting.Load;

/// <summary>A load command's options: <c>command --name value ...</c>, names case-insensitive.</summary>
public static class Arguments
{
    public static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = args.Skip(1).ToArray();
        for (int i = 0; i < rest.Length; i += 2)
        {
            if (!rest[i].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException($"unexpected '{rest[i]}': options are given as --name value");
            if (i + 1 >= rest.Length)
                throw new ArgumentException($"{rest[i]} needs a value");
            values[rest[i][2..]] = rest[i + 1];
        }
        return values;
    }

    /// <summary>
    /// Reads a command's options with <paramref name="read"/>; when one is missing its value, unknown to it or not a
    /// number, prints why and the command's usage to the error output and returns false.
    /// </summary>
    public static bool TryRead<T>(string[] args, Func<IReadOnlyDictionary<string, string>, T> read, string usage, [MaybeNullWhen(false)] out T options)
    {
        try
        {
            options = read(Parse(args));
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"{e.Message}\nusage: {usage}");
            options = default;
            return false;
        }
    }

    /// <summary>The whole number given as <c>--<paramref name="name"/></c>, else <paramref name="fallback"/>.</summary>
    public static int Int(this IReadOnlyDictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"--{name} '{text}' is not a whole number");
    }
}
