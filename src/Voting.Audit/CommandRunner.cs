namespace Voting.Audit;

/// <summary>Runs a command's work and turns bad input into one line on stderr and exit code 1.</summary>
public static class CommandRunner
{
    public static int Run(Action work)
    {
        try
        {
            work();
            return 0;
        }
        catch (Exception e) when (e is AuditError or IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
