using System.CommandLine;
using Voting.Core.Allocation;
using Voting.Core.Pabulib;

namespace Voting.Audit;

/// <summary>
/// <c>allocate FILE.pb [--rule RULE]</c>: allocates the budget of a Pabulib instance with the file's rule (or
/// the one given) and prints the outcome as JSON: <c>{"rule","budget","selected","cost","left","projects":[{"id",
/// "cost","decision","kind","reason"}],"notes"}</c>. Bad input gives exit code 1 and one line on stderr saying
/// what is wrong and where.
/// </summary>
public static class AllocateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A Pabulib .pb file (META, PROJECTS, VOTES)." };
        var rule = new Option<string?>("--rule")
        {
            Description = "The allocation rule, instead of the file's META 'rule': " + string.Join(", ", AllocationRules.Names) + ".",
        };
        var command = new Command("allocate", "Allocate the budget of a Pabulib instance and say, per project, why it was or was not funded.");
        command.Arguments.Add(file);
        command.Options.Add(rule);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(file),
            parseResult.GetValue(rule),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>The command's work, writing JSON to <paramref name="output"/> or one error line to <paramref name="error"/>.</summary>
    /// <returns>0 on success, 1 on bad input.</returns>
    public static int Run(FileInfo? file, string? rule, TextWriter output, TextWriter error)
    {
        if (file is null)
            return Fail(error, "no .pb file given");
        var path = file.ToString();
        if (!file.Exists)
            return Fail(error, $"{path}: no such file");
        if (rule is not null && !AllocationRules.IsKnown(rule))
            return Fail(error, $"--rule: {AllocationRules.Unknown(rule)}");
        try
        {
            var instance = PbReader.ReadFile(file.FullName);
            var result = PbAllocation.Allocate(instance, rule);
            output.WriteLine(AllocationJson.ToJson(result));
            return 0;
        }
        catch (PbFormatException e)
        {
            return Fail(error, $"{path} {e.Message}");
        }
        catch (ArgumentException e)
        {
            return Fail(error, $"{path}: {WithoutParameter(e)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(error, $"{path}: {e.Message}");
        }
        catch (Exception e)
        {
            // Never a stack trace: whatever went wrong, one line.
            return Fail(error, $"{path}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return 1;
    }

    private static string WithoutParameter(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }
}
