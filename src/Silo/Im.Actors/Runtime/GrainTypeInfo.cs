using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Actors.Runtime;

/// <summary>What the runtime knows about one grain class: its stored name, turn model and methods.</summary>
internal sealed class GrainTypeInfo
{
    private readonly ObjectFactory _factory;
    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    public GrainTypeInfo(Type implementationType, IReadOnlyList<Type> interfaces)
    {
        ImplementationType = implementationType;
        Interfaces = interfaces;
        Name = implementationType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? implementationType.Name;
        IsReentrant = implementationType.IsDefined(typeof(ReentrantAttribute), inherit: false);
        _factory = ActivatorUtilities.CreateFactory(implementationType, Type.EmptyTypes);
        _methods = interfaces
            .SelectMany(i => GrainMethodCompiler.CompileInterface(i))
            .DistinctBy(pair => pair.Key)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        if (typeof(IRemindable).IsAssignableFrom(implementationType))
        {
            ReminderMethod = _methods[typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminderAsync))!];
        }
    }

    public string Name { get; }

    public Type ImplementationType { get; }

    public IReadOnlyList<Type> Interfaces { get; }

    public bool IsReentrant { get; }

    /// <summary>The reminder entry point when the grain is <see cref="IRemindable"/>.</summary>
    public GrainMethod? ReminderMethod { get; }

    public GrainMethod GetMethod(MethodInfo interfaceMethod) =>
        _methods.TryGetValue(interfaceMethod, out var method)
            ? method
            : throw new InvalidOperationException($"{interfaceMethod.DeclaringType?.Name}.{interfaceMethod.Name} is not a method of grain type {Name}.");

    public Grain Create(IServiceProvider services) => (Grain)_factory(services, null);
}
