namespace Im.Actors;

/// <summary>The runtime is stopping or stopped and takes no more calls.</summary>
public sealed class RuntimeStoppedException()
    : InvalidOperationException("stopped: the grain runtime is shutting down");
