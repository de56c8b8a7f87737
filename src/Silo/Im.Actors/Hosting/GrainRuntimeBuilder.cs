using System.Reflection;
using Im.Actors.Runtime;

namespace Im.Actors.Hosting;

/// <summary>Collects the grain classes a runtime hosts.</summary>
public sealed class GrainRuntimeBuilder
{
    private readonly List<Type> _grainClasses = [];

    internal IReadOnlyList<Type> GrainClasses => _grainClasses;

    public GrainRuntimeBuilder AddGrain<TGrain>() where TGrain : Grain => AddGrain(typeof(TGrain));

    public GrainRuntimeBuilder AddGrain(Type grainClass)
    {
        ArgumentNullException.ThrowIfNull(grainClass);
        _grainClasses.Add(grainClass);
        return this;
    }

    /// <summary>Every concrete grain class in the assembly.</summary>
    public GrainRuntimeBuilder AddGrainsFrom(Assembly assembly)
    {
        _grainClasses.AddRange(GrainRegistry.FindGrainClasses(assembly));
        return this;
    }
}
