using System.Linq.Expressions;
using System.Reflection;

namespace Im.Actors.Runtime;

/// <summary>
/// Validates grain and observer interfaces and compiles their methods into delegates, so a
/// call costs a delegate invocation rather than reflection.
/// </summary>
internal static class GrainMethodCompiler
{
    private static readonly MethodInfo BoxTaskMethod = Helper(nameof(BoxTask));
    private static readonly MethodInfo BoxTaskOfMethod = Helper(nameof(BoxTaskOf));
    private static readonly MethodInfo BoxValueTaskMethod = Helper(nameof(BoxValueTask));
    private static readonly MethodInfo BoxValueTaskOfMethod = Helper(nameof(BoxValueTaskOf));
    private static readonly MethodInfo UnboxTaskOfMethod = Helper(nameof(UnboxTaskOf));
    private static readonly MethodInfo UnboxValueTaskOfMethod = Helper(nameof(UnboxValueTaskOf));

    /// <summary>Every method of the interface and the interfaces it extends, compiled.</summary>
    public static Dictionary<MethodInfo, GrainMethod> CompileInterface(Type interfaceType)
    {
        if (!interfaceType.IsInterface)
        {
            throw new ArgumentException($"{interfaceType} is not an interface.", nameof(interfaceType));
        }

        var methods = new Dictionary<MethodInfo, GrainMethod>();
        foreach (var type in interfaceType.GetInterfaces().Append(interfaceType))
        {
            if (type.GetProperties().Length > 0 || type.GetEvents().Length > 0)
            {
                throw new ArgumentException($"{type} declares properties or events; grain and observer interfaces may only declare methods.");
            }

            foreach (var method in type.GetMethods())
            {
                methods[method] = Compile(type, method);
            }
        }

        return methods;
    }

    private static GrainMethod Compile(Type interfaceType, MethodInfo method)
    {
        var where = $"{interfaceType.Name}.{method.Name}";
        if (method.IsGenericMethodDefinition)
        {
            throw new ArgumentException($"{where} is generic; grain methods must not be.");
        }

        var parameters = method.GetParameters();
        var tokenIndex = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].ParameterType.IsByRef)
            {
                throw new ArgumentException($"{where} has a ref/out parameter; calls carry data only.");
            }

            if (parameters[i].ParameterType == typeof(CancellationToken))
            {
                if (i != parameters.Length - 1)
                {
                    throw new ArgumentException($"{where}: a CancellationToken must be the last parameter.");
                }

                tokenIndex = i;
            }
        }

        var (resultType, box, unbox) = Shape(where, method.ReturnType);
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var call = Expression.Call(
            Expression.Convert(grain, interfaceType),
            method,
            parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        var invoke = Expression.Lambda<Func<object, object?[], Task<object?>>>(Expression.Call(box, call), grain, args).Compile();

        return new GrainMethod
        {
            Method = method,
            ParameterTypes = [.. parameters.Select(p => p.ParameterType)],
            CancellationTokenIndex = tokenIndex,
            ResultType = resultType,
            Invoke = invoke,
            ToDeclared = unbox,
        };
    }

    private static (Type? ResultType, MethodInfo Box, Func<Task<object?>, object> Unbox) Shape(string where, Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return (null, BoxTaskMethod, static t => t);
        }

        if (returnType == typeof(ValueTask))
        {
            return (null, BoxValueTaskMethod, static t => new ValueTask(t));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returnType.GetGenericArguments()[0];
            return (result, BoxTaskOfMethod.MakeGenericMethod(result), Unboxer(UnboxTaskOfMethod, result));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var result = returnType.GetGenericArguments()[0];
            return (result, BoxValueTaskOfMethod.MakeGenericMethod(result), Unboxer(UnboxValueTaskOfMethod, result));
        }

        throw new ArgumentException($"{where} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>.");
    }

    private static Func<Task<object?>, object> Unboxer(MethodInfo generic, Type result) =>
        generic.MakeGenericMethod(result).CreateDelegate<Func<Task<object?>, object>>();

    private static MethodInfo Helper(string name) =>
        typeof(GrainMethodCompiler).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task<object?> BoxTask(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> BoxTaskOf<T>(Task<T> task) => await task.ConfigureAwait(false);

    private static Task<object?> BoxValueTask(ValueTask task) => BoxTask(task.AsTask());

    private static Task<object?> BoxValueTaskOf<T>(ValueTask<T> task) => BoxTaskOf(task.AsTask());

    private static object UnboxTaskOf<T>(Task<object?> task) => Cast<T>(task);

    private static object UnboxValueTaskOf<T>(Task<object?> task) => new ValueTask<T>(Cast<T>(task));

    private static async Task<T> Cast<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;
}
