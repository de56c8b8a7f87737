using System.Reflection;

namespace Im.Actors.Runtime;

/// <summary>
/// One method of a grain or observer interface, compiled once: how to invoke it on an
/// implementation with boxed arguments, and how to hand the untyped answer back to the
/// caller as the declared task type.
/// </summary>
internal sealed class GrainMethod
{
    public required MethodInfo Method { get; init; }

    public required Type[] ParameterTypes { get; init; }

    /// <summary>Position of the trailing CancellationToken parameter, or -1.</summary>
    public required int CancellationTokenIndex { get; init; }

    /// <summary>The T of Task&lt;T&gt;/ValueTask&lt;T&gt;; null for methods without a result.</summary>
    public required Type? ResultType { get; init; }

    /// <summary>Calls the method on an implementation; the task carries the boxed result.</summary>
    public required Func<object, object?[], Task<object?>> Invoke { get; init; }

    /// <summary>Turns the untyped answer into the Task/ValueTask type the interface declares.</summary>
    public required Func<Task<object?>, object> ToDeclared { get; init; }

    public string Name => Method.Name;
}
