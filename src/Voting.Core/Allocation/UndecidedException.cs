namespace Voting.Core.Allocation;

/// <summary>A sign that the arithmetic in use cannot tell for sure: the caller redoes the work exactly.</summary>
internal sealed class UndecidedException : Exception
{
    public UndecidedException()
        : base("a sign is too close to zero for bounded arithmetic")
    {
    }

    public UndecidedException(string message)
        : base(message)
    {
    }

    public UndecidedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
