namespace Im.Actors;

/// <summary>
/// Marker for grain interfaces. A grain is addressed by its interface and a string key,
/// has exactly one activation per key in a runtime, and runs one call at a time unless its
/// class is <see cref="ReentrantAttribute">reentrant</see>.
/// </summary>
/// <remarks>
/// Methods return <see cref="Task"/>, <see cref="Task{TResult}"/>, <see cref="ValueTask"/> or
/// <see cref="ValueTask{TResult}"/> and take only data (records, strings, numbers, collections)
/// plus an optional trailing <see cref="CancellationToken"/>, so that every call could cross a
/// process boundary. The runtime refuses interfaces that break these rules at registration.
/// </remarks>
public interface IGrain;
