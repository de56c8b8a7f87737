using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Im.Testing.Browser;

/// <summary>
/// One Chrome DevTools Protocol WebSocket (the browser's or a page's): commands with ids
/// answered by their results, and events by method name in arrival order.
/// </summary>
public sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentDictionary<string, Channel<JsonNode?>> _events = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private CdpConnection()
    {
    }

    public static async Task<CdpConnection> ConnectAsync(Uri webSocketUrl, CancellationToken cancellationToken = default)
    {
        var connection = new CdpConnection();
        // Screenshots of a large page arrive as one multi-megabyte message.
        connection._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection._socket.ConnectAsync(webSocketUrl, cancellationToken).ConfigureAwait(false);
        connection._receiving = connection.ReceiveLoopAsync();
        return connection;
    }

    /// <summary>Sends a command and answers its <c>result</c>; a protocol error throws <see cref="CdpException"/>.</summary>
    public async Task<JsonNode?> SendAsync(string method, JsonObject? parameters = null, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }

        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Events of <paramref name="method"/> (e.g. <c>Page.loadEventFired</c>) received from now on or earlier, in order; each is its <c>params</c>.</summary>
    public ChannelReader<JsonNode?> Events(string method) => _events.GetOrAdd(method, _ => Channel.CreateUnbounded<JsonNode?>()).Reader;

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
            }
        }

        await _receiving.ConfigureAwait(false);
        _socket.Dispose();
        _sendGate.Dispose();
        _closing.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _closing.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    Dispatch(JsonNode.Parse(message.ToArray())!);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
        }

        foreach (var (_, pending) in _pending)
        {
            pending.TrySetException(new CdpException("the DevTools connection closed"));
        }

        foreach (var (_, channel) in _events)
        {
            channel.Writer.TryComplete();
        }
    }

    private void Dispatch(JsonNode message)
    {
        if (message["id"] is { } id && _pending.TryRemove((int)id, out var answer))
        {
            if (message["error"] is { } error)
            {
                answer.TrySetException(new CdpException($"{(string?)error["message"]} ({error["code"]})"));
            }
            else
            {
                answer.TrySetResult(message["result"]?.DeepClone());
            }
        }
        else if (message["method"] is { } method)
        {
            _events.GetOrAdd((string)method!, _ => Channel.CreateUnbounded<JsonNode?>()).Writer.TryWrite(message["params"]?.DeepClone());
        }
    }
}
