using System.Reflection;

namespace Im.Actors.Runtime;

/// <summary>
/// The grain classes a runtime hosts, found by interface (for references) and by stored
/// type name (for reminders). Built once at start-up; read-only afterwards.
/// </summary>
internal sealed class GrainRegistry
{
    private readonly Dictionary<Type, GrainTypeInfo> _byInterface = [];
    private readonly Dictionary<string, GrainTypeInfo> _byName = new(StringComparer.Ordinal);

    public GrainRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var grainClass in grainClasses.Distinct())
        {
            Add(grainClass);
        }
    }

    public IEnumerable<GrainTypeInfo> Types => _byName.Values;

    public GrainTypeInfo ForInterface(Type interfaceType) =>
        _byInterface.TryGetValue(interfaceType, out var info)
            ? info
            : throw new InvalidOperationException($"No grain class implementing {interfaceType.Name} is registered.");

    public GrainTypeInfo? ForName(string typeName) => _byName.GetValueOrDefault(typeName);

    /// <summary>Concrete grain classes in an assembly.</summary>
    public static IEnumerable<Type> FindGrainClasses(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && typeof(Grain).IsAssignableFrom(t));

    private void Add(Type grainClass)
    {
        if (grainClass.IsAbstract || !typeof(Grain).IsAssignableFrom(grainClass))
        {
            throw new ArgumentException($"{grainClass} is not a concrete Grain class.");
        }

        var interfaces = grainClass.GetInterfaces()
            .Where(i => typeof(IGrain).IsAssignableFrom(i) && i != typeof(IGrain))
            .ToList();
        if (interfaces.Count == 0)
        {
            throw new ArgumentException($"{grainClass.Name} implements no grain interface.");
        }

        var info = new GrainTypeInfo(grainClass, interfaces);
        if (!_byName.TryAdd(info.Name, info))
        {
            throw new ArgumentException($"Two grain classes share the type name '{info.Name}': {grainClass} and {_byName[info.Name].ImplementationType}.");
        }

        foreach (var grainInterface in interfaces.Where(i => i != typeof(IRemindable)))
        {
            if (!_byInterface.TryAdd(grainInterface, info))
            {
                throw new ArgumentException($"{grainInterface.Name} is implemented by two grain classes ({grainClass.Name}, {_byInterface[grainInterface].ImplementationType.Name}); give each its own interface.");
            }
        }
    }
}
