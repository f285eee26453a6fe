using System.Diagnostics;

namespace Voting.Host;

/// <summary>Stops the host when the process named by <c>Voting:ParentProcessId</c> exits (for test harnesses).</summary>
public sealed class ParentWatch(HostSettings settings, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.ParentProcessId is not { } pid)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool alive;
            try
            {
                using var parent = Process.GetProcessById(pid);
                alive = !parent.HasExited;
            }
            catch (ArgumentException)
            {
                alive = false;
            }
            if (!alive)
            {
                lifetime.StopApplication();
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
