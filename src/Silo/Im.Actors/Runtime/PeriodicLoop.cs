using Microsoft.Extensions.Logging;

namespace Im.Actors.Runtime;

/// <summary>
/// Runs a piece of background work every period until disposed. The timer exists when
/// the constructor returns, so a test clock that moves right after start is seen; a tick
/// that fails is logged and the loop goes on.
/// </summary>
internal sealed class PeriodicLoop : IAsyncDisposable
{
    private readonly PeriodicTimer _timer;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public PeriodicLoop(string name, TimeSpan period, TimeProvider timeProvider, ILogger logger, Func<CancellationToken, Task> tick)
    {
        _timer = new PeriodicTimer(period, timeProvider);
        _loop = RunAsync(name, logger, tick);
    }

    /// <summary>Stops the loop and waits for a running tick to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);

        // Disposing the timer ends a pending wait on its own, without relying on the token.
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(string name, ILogger logger, Func<CancellationToken, Task> tick)
    {
        var stopping = _stopping.Token;
        try
        {
            while (await _timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await tick(stopping).ConfigureAwait(false);
                }
                catch (Exception error) when (!stopping.IsCancellationRequested)
                {
                    logger.LogWarning(error, "{Loop} failed; retrying on the next tick", name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
