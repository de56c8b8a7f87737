using Im.Bench.Chat;
using Im.Bench.Hubs;
using Im.Bench.Servers;

namespace Im.Bench.Hall;

/// <summary>
/// One side of the hall comparison, set up once for both scenarios: the server, its
/// subscribed screens, how their calls are timed, and the two operations under load.
/// </summary>
public sealed class HallSide(ChatSide side, ScreenCalls calls, Func<string, CancellationToken, Task> takeNumber, Func<int, CancellationToken, Task> callNext, IDisposable client) : IAsyncDisposable
{
    public ChatSide Side { get; } = side;

    public ScreenCalls Calls { get; } = calls;

    public Task TakeNumberAsync(string queueId) => takeNumber(queueId, CancellationToken.None);

    /// <summary>Calls the window's next ticket and waits until every screen has shown it.</summary>
    public Task CallNextAsync(int window) => Calls.CallAsync(window, () => callNext(window, CancellationToken.None));

    /// <summary>The bare hub: its screens join one group; the floor's endpoints stand for taking and calling.</summary>
    public static async Task<HallSide> StartBareAsync(ChatServers servers, int screens, int windows, int takers, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(progress);
        progress.WriteLine($"  bare hub: {screens:N0} screen connections in one group");
        var side = new ChatSide(await servers.StartBareHubAsync(cancellationToken));
        try
        {
            var hub = ChatServers.HubUrl(side.Server, ChatServers.BareHubPath);
            await OpenScreensAsync(side, screens, _ => hub, c => c.InvokeAsync("Join", "hall"), cancellationToken);
            var floor = new FloorHallClient(side.Server.BaseUrl, takers);
            var calls = new ScreenCalls(windows, screens);
            calls.Watch(side.Connections);
            return new HallSide(side, calls, floor.TakeNumberAsync, floor.CallNextAsync, floor);
        }
        catch
        {
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>Im: one hall with a queue and a window per calling worker, queues for the ticket takers, and registered screens subscribed to the hall.</summary>
    public static async Task<HallSide> StartImAsync(ChatServers servers, int screens, IReadOnlyList<string> windowQueues, IReadOnlyList<string> takerQueues, int takers, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(windowQueues);
        ArgumentNullException.ThrowIfNull(progress);
        progress.WriteLine($"  Im: one hall, {windowQueues.Count} windows, {screens:N0} registered screens");
        var side = new ChatSide(await servers.StartImAsync(servers.NewDataDirectory(), cancellationToken, ChatServers.UnthrottledLimits));
        ImHallClient? client = null;
        try
        {
            client = await ImHallClient.SignInAsync(side.Server.BaseUrl, Math.Max(takers, ChatSide.Parallelism), cancellationToken);
            await side.TimedAsync("setting up the hall, its queues and windows", async () =>
            {
                await client.SetUpAsync(windowQueues, takerQueues, cancellationToken);
            });
            var tokens = new string[screens];
            await side.TimedAsync($"registering {screens:N0} screens ({ChatSide.Parallelism / 4} at a time)", async () =>
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, screens), new ParallelOptions { MaxDegreeOfParallelism = ChatSide.Parallelism / 4, CancellationToken = cancellationToken }, async (i, token) =>
                    tokens[i] = await client.AddScreenAsync(i, token));
            });
            await OpenScreensAsync(side, screens, i => ChatServers.HubUrl(side.Server, "/hubs/hall", tokens[i]), c => c.InvokeAsync("subscribe", ImHallClient.HallId), cancellationToken);
            var calls = new ScreenCalls(windowQueues.Count, screens);
            calls.Watch(side.Connections);
            var signedIn = client;
            client = null;
            return new HallSide(side, calls, signedIn.TakeNumberAsync, signedIn.CallNextAsync, signedIn);
        }
        catch
        {
            client?.Dispose();
            await side.DisposeAsync();
            throw;
        }
    }

    /// <summary>Fills each window's queue with <paramref name="perQueue"/> waiting tickets (a setup step, not measured).</summary>
    public Task StockAsync(IReadOnlyList<string> queues, int perQueue, CancellationToken cancellationToken) =>
        Side.TimedAsync($"taking {queues.Count * perQueue:N0} numbers for the windows' queues", async () =>
        {
            var work = queues.SelectMany(q => Enumerable.Repeat(q, perQueue));
            await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = ChatSide.Parallelism / 4, CancellationToken = cancellationToken }, async (q, token) => await takeNumber(q, token));
        });

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await Side.DisposeAsync();
    }

    private static async Task OpenScreensAsync(ChatSide side, int screens, Func<int, Uri> urlOf, Func<BenchHubConnection, Task> subscribe, CancellationToken cancellationToken)
    {
        var failure = await side.TimedAsync(
            $"opening {screens:N0} screen connections ({ChatSide.Parallelism} at a time)",
            () => HubConnections.OpenAsync(side.Connections, 0, screens, urlOf, _ => null, ChatSide.Parallelism, cancellationToken));
        if (failure is not null)
        {
            throw new InvalidOperationException($"{side.Server.Name}: {failure}");
        }

        await side.TimedAsync($"subscribing {screens:N0} screens", async () =>
        {
            await Parallel.ForEachAsync(side.Connections, new ParallelOptions { MaxDegreeOfParallelism = ChatSide.Parallelism, CancellationToken = cancellationToken }, async (c, _) => await subscribe(c));
        });
    }
}
