using System.Globalization;
using System.Text;
using CsvHelper;

namespace Voting.Web.Admin;

/// <summary>The invitation codes of a roll import as a CSV file: <c>voter,code</c>, one voter a line.</summary>
public static class InvitationCodesCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyDictionary<string, string> codes)
    {
        using var bytes = new MemoryStream();
        using (var text = new StreamWriter(bytes, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteField("voter");
            csv.WriteField("code");
            csv.NextRecord();
            foreach (var (voter, code) in codes.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                csv.WriteField(voter);
                csv.WriteField(code);
                csv.NextRecord();
            }
        }
        return bytes.ToArray();
    }
}
