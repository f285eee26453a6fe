namespace Voting.Core.Record;

/// <summary>
/// The syntax a receipt must have to appear in a record: 1 to 128 characters among the URL-unreserved
/// <c>A-Z a-z 0-9 - _ . ~</c>, so that it needs no escaping in JSON, CSV, Pabulib or a URL.
/// </summary>
public static class Receipts
{
    public const int MaxLength = 128;

    public static bool IsValid(string? receipt) => receipt is not null && IsValid(receipt.AsSpan());

    public static bool IsValid(ReadOnlySpan<char> receipt)
    {
        if (receipt.Length is 0 or > MaxLength) return false;
        foreach (var c in receipt)
            if (!IsReceiptChar(c)) return false;
        return true;
    }

    public static bool IsValid(ReadOnlySpan<byte> receipt)
    {
        if (receipt.Length is 0 or > MaxLength) return false;
        foreach (var c in receipt)
            if (!IsReceiptChar((char)c)) return false;
        return true;
    }

    private static bool IsReceiptChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
