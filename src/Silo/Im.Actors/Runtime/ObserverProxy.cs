using System.Collections.Concurrent;
using System.Reflection;

namespace Im.Actors.Runtime;

/// <summary>
/// An observer reference. A push runs the observer's method on the thread pool, never on
/// the pushing grain's scheduler, so a slow subscriber cannot stall a grain's turn, unless
/// the observer is an <see cref="InlineObserverAttribute"/> one, which promised to return at
/// once; a push to an observer that is gone fails with <see cref="ObserverGoneException"/>.
/// </summary>
public class ObserverProxy : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, bool> Inline = new();

    // One proxy per interface, with the interface's compiled methods, copied for each
    // reference as GrainProxy's: DispatchProxy.Create binds by reflection.
    private static readonly ConcurrentDictionary<Type, ObserverProxy> Templates = new();

    private GrainRuntime _runtime = null!;
    private Dictionary<MethodInfo, GrainMethod> _methods = null!;

    public ObserverId ObserverId { get; private set; }

    internal static TObserver Create<TObserver>(GrainRuntime runtime, ObserverId id) where TObserver : class
    {
        var template = Templates.GetOrAdd(typeof(TObserver), static type =>
        {
            var made = (ObserverProxy)(object)DispatchProxy.Create<TObserver, ObserverProxy>();
            made._methods = GrainMethodCompiler.CompileInterface(type);
            return made;
        });
        var proxy = (ObserverProxy)template.MemberwiseClone();
        proxy._runtime = runtime;
        proxy.ObserverId = id;
        return (TObserver)(object)proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = _methods[targetMethod];
        var target = _runtime.Observers.Find(ObserverId);
        if (target is null)
        {
            return method.ToDeclared(Task.FromException<object?>(new ObserverGoneException(ObserverId)));
        }

        var arguments = _runtime.Options.SerializeCalls ? CallCodec.CopyArguments(method, args ?? []) : args ?? [];
        if (Inline.GetOrAdd(target.GetType(), static type => type.IsDefined(typeof(InlineObserverAttribute), inherit: false)))
        {
            return method.ToDeclared(InvokeInline(method, target, arguments));
        }

        var delivery = Task.Factory.StartNew(
            () => method.Invoke(target, arguments),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default).Unwrap();
        return method.ToDeclared(delivery);
    }

    public override string ToString() => $"observer/{ObserverId}";

    private static Task<object?> InvokeInline(GrainMethod method, object target, object?[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (Exception error)
        {
            return Task.FromException<object?>(error);
        }
    }
}
