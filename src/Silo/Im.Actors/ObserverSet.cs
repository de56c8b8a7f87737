namespace Im.Actors;

/// <summary>
/// A grain's subscribers (Orleans' ObserverManager): observer ids with a time-to-live that
/// subscribers renew by subscribing again. A push goes to every live subscriber; one that
/// is gone or has not renewed in time is dropped, so subscribers that vanish without
/// notice cost nothing for long. Lives in one activation: no locking.
/// </summary>
public sealed class ObserverSet<TObserver>(IGrainFactory grainFactory, TimeProvider timeProvider, TimeSpan timeToLive)
    where TObserver : class, IGrainObserver
{
    private readonly Dictionary<ObserverId, DateTimeOffset> _expiries = [];

    public int Count => _expiries.Count;

    public IEnumerable<ObserverId> Subscribers => _expiries.Keys;

    /// <summary>Adds or renews a subscriber.</summary>
    public void Subscribe(ObserverId observerId) => _expiries[observerId] = timeProvider.GetUtcNow() + timeToLive;

    public bool Unsubscribe(ObserverId observerId) => _expiries.Remove(observerId);

    /// <summary>Pushes to every live subscriber; returns how many took the push.</summary>
    public async Task<int> NotifyAsync(Func<TObserver, Task> push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var now = timeProvider.GetUtcNow();
        var deliveries = new List<(ObserverId Id, Task Delivery)>(_expiries.Count);
        foreach (var (id, expiresAt) in _expiries.ToList())
        {
            if (expiresAt <= now)
            {
                _expiries.Remove(id);
                continue;
            }

            deliveries.Add((id, Deliver(id, push)));
        }

        var delivered = 0;
        foreach (var (id, delivery) in deliveries)
        {
            try
            {
                await delivery;
                delivered++;
            }
            catch (ObserverGoneException)
            {
                _expiries.Remove(id);
            }
            catch (Exception)
            {
                // Best-effort push: a failing subscriber keeps its place until it expires,
                // since the failure may be transient (a full connection buffer).
            }
        }

        return delivered;
    }

    private Task Deliver(ObserverId id, Func<TObserver, Task> push)
    {
        try
        {
            return push(grainFactory.GetObserver<TObserver>(id));
        }
        catch (Exception error)
        {
            return Task.FromException(error);
        }
    }
}
