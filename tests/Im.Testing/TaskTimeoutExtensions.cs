namespace Im.Testing;

/// <summary>
/// Awaiting with a ceiling, as aspnetcore's <c>DefaultTimeout()</c>: a test waits for the
/// event it expects, never for a fixed time, and fails instead of hanging when it is lost.
/// </summary>
public static class TaskTimeoutExtensions
{
    public static TimeSpan Ceiling { get; } = TimeSpan.FromSeconds(30);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Ceiling);

    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Ceiling);
}
