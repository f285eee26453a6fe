using System.Text;

namespace Voting.Grains.Storage.Azure;

/// <summary>
/// Makes any string a valid PartitionKey or RowKey: the characters Azure Table Storage refuses
/// (<c>/ \ # ?</c> and control characters) and <c>%</c> itself become <c>%XX</c>, so the mapping stays one-to-one.
/// </summary>
internal static class TableKey
{
    public static string Escape(string value)
    {
        if (!value.Any(MustEscape)) return value;
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (MustEscape(c)) escaped.Append('%').Append(((int)c).ToString("X2"));
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool MustEscape(char c) => c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
}
