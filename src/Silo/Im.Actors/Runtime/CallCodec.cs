using System.Text.Json;

namespace Im.Actors.Runtime;

/// <summary>
/// Copies call data through JSON exactly as a call to another process would carry it, by
/// declared type. With <see cref="GrainRuntimeOptions.SerializeCalls"/> on, a grain
/// interface that passes something other than data fails in tests, not in production.
/// </summary>
internal static class CallCodec
{
    public static object?[] CopyArguments(GrainMethod method, object?[] arguments)
    {
        var copy = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            copy[i] = i == method.CancellationTokenIndex
                ? arguments[i]
                : RoundTrip(arguments[i], method.ParameterTypes[i]);
        }

        return copy;
    }

    public static object? CopyResult(GrainMethod method, object? result) =>
        method.ResultType is null ? null : RoundTrip(result, method.ResultType);

    private static object? RoundTrip(object? value, Type declaredType) =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(value, declaredType, GrainJson.Options), declaredType, GrainJson.Options);
}
