using System.Net.Http.Json;

namespace Im.Bench.Hall;

/// <summary>The bare hub's durable floor of the same two operations (see the bare hub's <c>HallFloor</c>).</summary>
public sealed class FloorHallClient(Uri baseUrl, int connections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = connections })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Task TakeNumberAsync(string queueId, CancellationToken cancellationToken) => PostAsync("/bench/tickets", new { queueId }, cancellationToken);

    public Task CallNextAsync(int window, CancellationToken cancellationToken) => PostAsync("/bench/calls", new { windowId = ScreenCalls.WindowId(window) }, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
