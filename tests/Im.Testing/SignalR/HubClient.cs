using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Im.Testing.SignalR;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a raw WebSocket, as any non-.NET app
/// can: handshake, invocations with completions, server events, pings. Small enough to run
/// thousands of them in one load-test process, and independent of the .NET client packages
/// this registry lacks.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentDictionary<string, Channel<JsonNode?[]>> _events = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<HubEvent> _received = Channel.CreateUnbounded<HubEvent>();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();

    // One WebSocket message may carry several records, and a chunk may end inside a UTF-8
    // character: the decoder and the buffer carry both over to the next read.
    private readonly StringBuilder _buffer = new();
    private readonly byte[] _receiveBuffer = new byte[16 * 1024];
    private readonly char[] _decoded = new char[16 * 1024];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private int _nextInvocationId;

    private HubClient()
    {
    }

    /// <summary>Completes when the server closes the connection; carries the close error, if any.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects to a hub (<c>ws://host/hubs/im</c>) with a bearer token in the query, as browsers do.</summary>
    public static async Task<HubClient> ConnectAsync(Uri hubUrl, string? accessToken, string? origin = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        var client = new HubClient();
        if (origin is not null)
        {
            client._socket.Options.SetRequestHeader("Origin", origin);
        }

        var target = accessToken is null ? hubUrl : new Uri($"{hubUrl}{(hubUrl.Query.Length > 0 ? "&" : "?")}access_token={Uri.EscapeDataString(accessToken)}");
        await client._socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        await client.SendFrameAsync("""{"protocol":"json","version":1}""", cancellationToken).ConfigureAwait(false);
        var handshake = await client.ReceiveFrameAsync(cancellationToken).ConfigureAwait(false);
        if (handshake is null || JsonNode.Parse(handshake)?["error"] is { } error)
        {
            throw new InvalidOperationException($"handshake refused: {handshake}");
        }

        client._receiving = client.ReceiveLoopAsync();
        return client;
    }

    /// <summary>Invokes a hub method; returns its result, or throws <see cref="HubInvocationException"/> with the server's error.</summary>
    public async Task<JsonNode?> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var message = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments, JsonSerializerOptions.Web),
        };
        await SendFrameAsync(message.ToJsonString(), _closing.Token).ConfigureAwait(false);
        return await completion.Task.ConfigureAwait(false);
    }

    public async Task<T> InvokeAsync<T>(string target, params object?[] arguments) =>
        (await InvokeAsync(target, arguments).ConfigureAwait(false)).Deserialize<T>(JsonSerializerOptions.Web)!;

    /// <summary>Every event of this name the server sent, in arrival order; each item is the event's arguments.</summary>
    public ChannelReader<JsonNode?[]> Events(string name) => EventChannel(name).Reader;

    /// <summary>Every event of any name, in arrival order across names, with the target as sent (case kept).</summary>
    public ChannelReader<HubEvent> Received => _received.Reader;

    /// <summary>The next event of this name, its first argument read as <typeparamref name="T"/>.</summary>
    public async Task<T> NextEventAsync<T>(string name, CancellationToken cancellationToken = default)
    {
        var arguments = await EventChannel(name).Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return arguments[0].Deserialize<T>(JsonSerializerOptions.Web)!;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Cancelling the receive loop above may abort the socket before the close
                // frame goes out: the connection is gone either way.
            }
        }

        await _receiving.ConfigureAwait(false);
        _socket.Dispose();
        _sendGate.Dispose();
        _closing.Dispose();
    }

    private Channel<JsonNode?[]> EventChannel(string name) =>
        _events.GetOrAdd(name, _ => Channel.CreateUnbounded<JsonNode?[]>());

    private async Task ReceiveLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (await ReceiveFrameAsync(_closing.Token).ConfigureAwait(false) is { } frame)
            {
                Dispatch(JsonNode.Parse(frame)!);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            failure = _closing.IsCancellationRequested ? null : error;
        }

        foreach (var (_, pending) in _pending)
        {
            pending.TrySetException(failure ?? new InvalidOperationException("connection closed"));
        }

        foreach (var (_, channel) in _events)
        {
            channel.Writer.TryComplete();
        }

        _received.Writer.TryComplete();

        _closed.TrySetResult();
    }

    private void Dispatch(JsonNode message)
    {
        switch ((int?)message["type"])
        {
            case 1:
                var arguments = message["arguments"]?.AsArray().Select(a => a?.DeepClone()).ToArray() ?? [];
                var target = (string)message["target"]!;
                EventChannel(target).Writer.TryWrite(arguments);
                _received.Writer.TryWrite(new HubEvent(target, [.. arguments.Select(a => a?.DeepClone())]));
                break;
            case 3 when _pending.TryRemove((string)message["invocationId"]!, out var completion):
                if (message["error"] is { } error)
                {
                    completion.TrySetException(new HubInvocationException((string)error!));
                }
                else
                {
                    completion.TrySetResult(message["result"]?.DeepClone());
                }

                break;
            case 6:
                _ = SendFrameAsync("""{"type":6}""", _closing.Token);
                break;
            case 7:
                _closed.TrySetResult();
                break;
        }
    }

    private async Task SendFrameAsync(string json, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json + RecordSeparator);
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task<string?> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = _buffer.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _buffer.Remove(0, end + 1);
                return text[..end];
            }

            var result = await _socket.ReceiveAsync(_receiveBuffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            var chars = _decoder.GetChars(_receiveBuffer, 0, result.Count, _decoded, 0);
            _buffer.Append(_decoded, 0, chars);
        }
    }
}
