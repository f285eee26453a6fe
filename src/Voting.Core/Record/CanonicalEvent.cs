using System.Text;

namespace Voting.Core.Record;

/// <summary>
/// Reads a ballot event in its canonical form (<see cref="BallotChain.WriteCanonical"/>) without allocating:
/// <c>{"sequence":N,"receipt":"R","replaces":null|"R","envelope":"E","grades":{"p":g,...}}</c>, keys of
/// <c>grades</c> in ascending ordinal order, no whitespace, no escapes. Anything else is refused with the byte
/// offset of the first difference. Positions are offsets into the span last parsed. The strings themselves are
/// checked by the caller (receipt syntax, ids of the definition), which also refuses what would need escaping.
/// </summary>
internal sealed class CanonicalEvent
{
    private static ReadOnlySpan<byte> SequenceKey => "{\"sequence\":"u8;
    private static ReadOnlySpan<byte> ReceiptKey => ",\"receipt\":\""u8;
    private static ReadOnlySpan<byte> ReplacesKey => ",\"replaces\":"u8;
    private static ReadOnlySpan<byte> EnvelopeKey => ",\"envelope\":\""u8;
    private static ReadOnlySpan<byte> GradesKey => ",\"grades\":{"u8;

    private int[] _keyStart = new int[32];
    private int[] _keyLength = new int[32];
    private int[] _grade = new int[32];

    public long Sequence { get; private set; }
    public Range Receipt { get; private set; }
    public Range? Replaces { get; private set; }
    public Range Envelope { get; private set; }
    public int Count { get; private set; }
    public string? Error { get; private set; }

    public Range Project(int i) => new(_keyStart[i], _keyStart[i] + _keyLength[i]);

    public int Grade(int i) => _grade[i];

    public bool TryParse(ReadOnlySpan<byte> s)
    {
        Error = null;
        Count = 0;
        Replaces = null;
        int i = 0;
        if (!Expect(s, ref i, SequenceKey)) return false;
        if (!Number(s, ref i, 18, out long sequence, "sequence")) return false;
        Sequence = sequence;
        if (!Expect(s, ref i, ReceiptKey)) return false;
        if (!String(s, ref i, out var receipt, "receipt")) return false;
        Receipt = receipt;
        if (!Expect(s, ref i, ReplacesKey)) return false;
        if (s[i..].StartsWith("null"u8)) i += 4;
        else
        {
            if (!Expect(s, ref i, "\""u8)) return false;
            if (!String(s, ref i, out var replaces, "replaces")) return false;
            Replaces = replaces;
        }
        if (!Expect(s, ref i, EnvelopeKey)) return false;
        if (!String(s, ref i, out var envelope, "envelope")) return false;
        Envelope = envelope;
        if (!Expect(s, ref i, GradesKey)) return false;
        if (i < s.Length && s[i] == '}') i++;
        else
        {
            while (true)
            {
                // "key":grade
                if (i >= s.Length || s[i] != '"') return Fail(i, "expected '\"'");
                int keyStart = ++i;
                int keyLength = s[i..].IndexOf((byte)'"');
                if (keyLength < 0) return Fail(i, "grades: unterminated string");
                i += keyLength + 1;
                if (i >= s.Length || s[i] != ':') return Fail(i, "expected ':'");
                i++;
                int digitsStart = i;
                int grade = 0;
                while (i < s.Length && (uint)(s[i] - '0') <= 9 && i - digitsStart < 9) grade = grade * 10 + (s[i++] - '0');
                if (i == digitsStart || (i < s.Length && (uint)(s[i] - '0') <= 9) || (i - digitsStart > 1 && s[digitsStart] == '0'))
                {
                    // not a plain non-negative number: take the slow path for an exact message (or a negative grade)
                    i = digitsStart;
                    if (!Number(s, ref i, 9, out long value, "grades")) return false;
                    grade = (int)value;
                }
                var key = s.Slice(keyStart, keyLength);
                if (Count > 0 && s.Slice(_keyStart[Count - 1], _keyLength[Count - 1]).SequenceCompareTo(key) >= 0)
                    return Fail(keyStart, $"grades: '{Encoding.ASCII.GetString(key)}' is out of order or repeated (canonical order is ascending ordinal)");
                if (key.Contains((byte)'\\')) return Fail(keyStart, "grades: an escape in a project id");
                Push(new Range(keyStart, keyStart + keyLength), grade);
                if (i < s.Length && s[i] == ',') { i++; continue; }
                if (!Expect(s, ref i, "}"u8)) return false;
                break;
            }
        }
        if (!Expect(s, ref i, "}"u8)) return false;
        if (i != s.Length) return Fail(i, "unexpected bytes after the event");
        return true;
    }

    private void Push(Range key, int grade)
    {
        if (Count == _grade.Length)
        {
            Array.Resize(ref _keyStart, Count * 2);
            Array.Resize(ref _keyLength, Count * 2);
            Array.Resize(ref _grade, Count * 2);
        }
        _keyStart[Count] = key.Start.Value;
        _keyLength[Count] = key.End.Value - key.Start.Value;
        _grade[Count] = grade;
        Count++;
    }

    private bool Expect(ReadOnlySpan<byte> s, ref int i, ReadOnlySpan<byte> literal)
    {
        if (s[i..].StartsWith(literal)) { i += literal.Length; return true; }
        return Fail(i, $"expected '{Encoding.ASCII.GetString(literal)}'");
    }

    private bool String(ReadOnlySpan<byte> s, ref int i, out Range value, string field)
    {
        int start = i;
        int end = s[i..].IndexOf((byte)'"');
        value = default;
        if (end < 0) return Fail(i, $"{field}: unterminated string");
        int escape = s.Slice(start, end).IndexOf((byte)'\\');
        if (escape >= 0) return Fail(start + escape, $"{field}: an escape, never needed by a receipt or an id");
        value = new Range(start, start + end);
        i = start + end + 1;
        return true;
    }

    private bool Number(ReadOnlySpan<byte> s, ref int i, int maxDigits, out long value, string field)
    {
        value = 0;
        bool negative = i < s.Length && s[i] == '-';
        int start = negative ? i + 1 : i;
        int k = start;
        while (k < s.Length && (uint)(s[k] - '0') <= 9) k++;
        int digits = k - start;
        if (digits == 0) return Fail(start, $"{field}: expected a whole number");
        if (digits > 1 && s[start] == '0') return Fail(start, $"{field}: leading zero");
        if (digits > maxDigits) return Fail(start, $"{field}: number too large");
        for (int d = start; d < k; d++) value = value * 10 + (s[d] - '0');
        if (negative)
        {
            if (value == 0) return Fail(start, $"{field}: negative zero");
            value = -value;
        }
        i = k;
        return true;
    }

    private bool Fail(int at, string message)
    {
        Error = $"byte {at + 1}: {message}";
        return false;
    }
}
