namespace Voting.Audit;

/// <summary>Bad input the tool reports as one line, naming what is wrong and where; never a stack trace.</summary>
public sealed class AuditError(string message) : Exception(message);
