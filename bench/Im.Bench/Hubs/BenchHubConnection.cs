using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Im.Bench.Hubs;

/// <summary>
/// A SignalR JSON-protocol client over a raw WebSocket, lean enough to hold 18,000 in the
/// bench process and cheap per delivery, so that the bench measures the server rather than
/// its own clients: a 4 KB receive buffer that grows only for larger records, records read
/// in place (<see cref="HubRecord"/>), results parsed only when asked for.
/// </summary>
/// <remarks>
/// It answers the server's pings, as SignalR clients must: a server drops a connection it
/// has not heard from for 30 s. Thread-safe for invocations; one receive loop per connection.
/// </remarks>
public sealed partial class BenchHubConnection : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private const int InitialBufferSize = 4 * 1024;
    private static readonly byte[] PingRecord = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
    private static readonly byte[] HandshakeRecord = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, PendingCall> _pending = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DeliveryLog? _deliveries;
    private readonly int _index;
    private readonly Lock _awaitLock = new();
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _buffered;
    private int _nextInvocationId;
    private long _deliveriesSeen;
    private long _eventsSeen;
    private string? _awaitedClientMsgId;
    private TaskCompletionSource? _awaitedDelivery;
    private Task _receiving = Task.CompletedTask;

    private BenchHubConnection(int index, DeliveryLog? deliveries)
    {
        _index = index;
        _deliveries = deliveries;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Message events this connection received, counted whether or not a log is open.</summary>
    public long DeliveriesSeen => Interlocked.Read(ref _deliveriesSeen);

    /// <summary>Server-to-client events of any kind (message, typing, presence…) this connection received.</summary>
    public long EventsSeen => Interlocked.Read(ref _eventsSeen);

    /// <summary>Called on the receive loop for each <c>ticketCalled</c> event (hall screens); keep it short.</summary>
    public TicketCallObserver? TicketCalled { get; set; }

    /// <summary>Why the connection ended, once it has; null while open or after a clean close.</summary>
    public string? Failure { get; private set; }

    /// <summary>
    /// Opens the WebSocket to <paramref name="hubUrl"/> (token in the query, no Origin header)
    /// through the shared <paramref name="invoker"/> and completes SignalR's handshake.
    /// <paramref name="index"/> spreads the connection over the stripes of
    /// <paramref name="deliveries"/>, where its message events are timed; null leaves them
    /// untimed (a 1:1 sender's own copies).
    /// </summary>
    public static async Task<BenchHubConnection> ConnectAsync(Uri hubUrl, HttpMessageInvoker invoker, int index, DeliveryLog? deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        var connection = new BenchHubConnection(index, deliveries);
        try
        {
            await connection._socket.ConnectAsync(hubUrl, invoker, cancellationToken).ConfigureAwait(false);
            connection._receiving = connection.ReceiveLoopAsync();
            await connection.SendAsync(HandshakeRecord, cancellationToken).ConfigureAwait(false);
            await connection._handshake.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Invokes a hub method and completes with its completion; a hub error throws <see cref="HubCallException"/>.</summary>
    public Task InvokeAsync(string target, params object?[] arguments) => InvokeCoreAsync(target, arguments, wantsResult: false);

    /// <summary>As <see cref="InvokeAsync"/>, with the result.</summary>
    public Task<JsonElement> InvokeForResultAsync(string target, params object?[] arguments) => InvokeCoreAsync(target, arguments, wantsResult: true);

    /// <summary>
    /// Completes when this connection receives the message event with <paramref name="clientMsgId"/>.
    /// Call it before the send; one awaited delivery per connection at a time.
    /// </summary>
    public Task ExpectDeliveryAsync(string clientMsgId)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_awaitLock)
        {
            _awaitedDelivery?.TrySetCanceled();
            _awaitedClientMsgId = clientMsgId;
            _awaitedDelivery = seen;
        }

        return seen.Task;
    }

    /// <summary>Drops the connection without a closing handshake: the server sees it go at once.</summary>
    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
        _sendGate.Dispose();
    }

    private async Task<JsonElement> InvokeCoreAsync(string target, object?[] arguments, bool wantsResult)
    {
        var id = Interlocked.Increment(ref _nextInvocationId);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = new PendingCall(completion, wantsResult);
        var record = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(record))
        {
            writer.WriteStartObject();
            writer.WriteNumber("type"u8, 1);
            writer.WriteString("invocationId"u8, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("target"u8, target);
            writer.WritePropertyName("arguments"u8);
            JsonSerializer.Serialize(writer, arguments, JsonSerializerOptions.Web);
            writer.WriteEndObject();
        }

        record.Write([RecordSeparator]);
        try
        {
            await SendAsync(record.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }

        return await completion.Task.ConfigureAwait(false);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> record, CancellationToken cancellationToken)
    {
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private readonly record struct PendingCall(TaskCompletionSource<JsonElement> Completion, bool WantsResult);
}
