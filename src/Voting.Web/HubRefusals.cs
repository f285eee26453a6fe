using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Voting.Web;

/// <summary>
/// The one place hub calls are logged when they fail: a <see cref="HubException"/> is a refusal the caller reads
/// (an unknown election, results not yet public), logged as information; anything else is an error, with its
/// exception. SignalR's own dispatcher, which would log both as errors, is kept quiet (<see cref="DispatcherCategory"/>).
/// </summary>
internal sealed partial class HubRefusals(ILogger<HubRefusals> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException e)
        {
            Refused(logger, invocationContext.HubMethodName, e.Message);
            throw;
        }
        catch (Exception e)
        {
            Failed(logger, invocationContext.HubMethodName, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {Method} refused: {Reason}")]
    private static partial void Refused(ILogger logger, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    private static partial void Failed(ILogger logger, string method, Exception exception);
}
