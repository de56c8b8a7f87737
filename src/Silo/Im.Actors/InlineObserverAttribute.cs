namespace Im.Actors;

/// <summary>
/// Marks an observer implementation whose methods only hand work off (queue it) and return
/// without awaiting: the runtime then calls them on the pushing thread, inside the pushing
/// grain's turn, instead of on the thread pool. A push to it costs no thread hop and its
/// task is usually complete when the grain awaits it.
/// </summary>
/// <remarks>
/// Only for observers that never block and never await inside a push: code run inline runs
/// under the grain's scheduler, so a slow or awaiting method would stall that grain's turns.
/// Exceptions still reach the grain as a failed task, never as a throw from the call.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class InlineObserverAttribute : Attribute;
