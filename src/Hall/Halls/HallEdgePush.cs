using Im.Actors;
using Im.Domain.Chat;
using Microsoft.Extensions.Logging;

namespace Im.Hall.Halls;

/// <summary>
/// One push per edge, awaited in turn so that events of one grain reach each edge in the
/// order the grain raised them; a slow or gone edge costs at most the timeout.
/// </summary>
internal static class HallEdgePush
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task ToAllAsync(IGrainFactory grains, IEdgeDirectory edges, TimeProvider time, ILogger logger, Func<IHallEdgeObserver, Task> push)
    {
        foreach (var edge in edges.Edges)
        {
            try
            {
                await push(grains.GetObserver<IHallEdgeObserver>(edge)).WaitAsync(Timeout, time);
            }
            catch (Exception error)
            {
                // Best effort by contract: a screen that reconnects starts from a fresh snapshot.
                logger.LogDebug(error, "A hall event did not reach edge {Edge}", edge);
            }
        }
    }
}
