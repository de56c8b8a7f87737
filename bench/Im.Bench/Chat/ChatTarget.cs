using Im.Bench.Measurement;

namespace Im.Bench.Chat;

/// <summary>
/// One run's view of a <see cref="ChatSide"/>: a call per key. The side, its server and its
/// connections outlive the run (setting up thousands of members and connections takes far
/// longer than a run), so disposing the target leaves them be.
/// </summary>
public sealed class ChatTarget(Func<int, Task> call) : ILoadTarget
{
    public Task CallAsync(int key) => call(key);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
