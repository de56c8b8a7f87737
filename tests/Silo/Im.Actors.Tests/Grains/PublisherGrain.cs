namespace Im.Actors.Tests.Grains;

public interface INewsObserver : IGrainObserver
{
    Task OnNewsAsync(string headline);
}

public interface IPublisherGrain : IGrain
{
    Task SubscribeAsync(ObserverId observer);

    /// <summary>Pushes to every subscriber; returns how many took it.</summary>
    Task<int> PublishAsync(string headline);

    Task<int> GetSubscriberCountAsync();
}

public sealed class PublisherGrain : Grain, IPublisherGrain
{
    private ObserverSet<INewsObserver>? _subscribers;

    private ObserverSet<INewsObserver> Subscribers => _subscribers ??= new(GrainFactory, TimeProvider, TimeSpan.FromMinutes(5));

    public Task SubscribeAsync(ObserverId observer)
    {
        Subscribers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task<int> PublishAsync(string headline) => Subscribers.NotifyAsync(o => o.OnNewsAsync(headline));

    public Task<int> GetSubscriberCountAsync() => Task.FromResult(Subscribers.Count);
}
