using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Voting.Web;

/// <summary>
/// Sends a cast again when the node hosting its ballot box died before answering, until the cluster has declared it
/// dead and the box is back on another node. A second try is safe: the box gives every cast the next revision of the
/// voter's slot, so a first try that was written after all is replaced, never counted beside the second.
/// </summary>
internal static class CastRetry
{
    /// <summary>About 6 s in all: longer than the cluster takes to declare a killed node dead (Voting:Failover).</summary>
    private static readonly TimeSpan[] Delays = [.. new[] { 100, 250, 500, 1000, 1000, 1000, 1000, 1000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    public static async Task<T> Run<T>(Func<Task<T>> cast, HttpContext http)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await cast();
            }
            catch (Exception e) when (attempt < Delays.Length && IsNodeLost(e))
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CastRetry))
                    .LogWarning("A cast found its ballot box's node gone ({Reason}); trying again", e.GetType().Name);
                await Task.Delay(Delays[attempt], http.RequestAborted);
            }
        }
    }

    /// <summary>The call did not reach a live activation: its node is dead or unreachable.</summary>
    private static bool IsNodeLost(Exception e) => e is SiloUnavailableException or OrleansMessageRejectionException;
}
