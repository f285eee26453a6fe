namespace Voting.Web;

/// <summary>What the receipt page tells a resident about a receipt; never the ballot's grades.</summary>
public enum ReceiptAnswer
{
    Counted,
    Replaced,
    Unknown,
}
