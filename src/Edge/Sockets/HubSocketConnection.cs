using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Im.Edge.Sockets;

/// <summary>
/// A member hub connection on the direct WebSocket path, as SignalR's hub layer sees it: a
/// <see cref="ConnectionContext"/> whose transport reads from and writes to the WebSocket,
/// with the features SignalR asks for (user, heartbeat, transfer format) on the object itself.
/// </summary>
/// <remarks>
/// Why one object: it is what every idle connection keeps for its life, so it replaces
/// SignalR's connection context, its two pipes, its transport's send and receive loops and
/// its feature collection. Inbound data passes through one small pipe whose segments are
/// pooled and returned as soon as SignalR parsed them; outbound data is framed at flush
/// (<see cref="WebSocketOutput"/>).
/// </remarks>
internal sealed partial class HubSocketConnection : ConnectionContext, IDuplexPipe, IFeatureCollection,
    IConnectionIdFeature, IConnectionUserFeature, IConnectionHeartbeatFeature, ITransferFormatFeature, IConnectionItemsFeature
{
    // Readers run inline on the receive loop: a parsed invocation starts without a thread hop.
    private static readonly PipeOptions InputOptions = new(
        pauseWriterThreshold: 128 * 1024,
        resumeWriterThreshold: 64 * 1024,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        useSynchronizationContext: false);

    private readonly ConnectionContext _kestrel;
    private readonly WebSocket _socket;
    private readonly Pipe _input = new(InputOptions);
    private readonly WebSocketOutput _output;
    private readonly Lock _heartbeatLock = new();
    private List<(Action<object> Callback, object State)>? _heartbeat;
    private IDictionary<object, object?>? _items;
    private Dictionary<Type, object?>? _otherFeatures;
    private TransferFormat _activeFormat = TransferFormat.Text;

    public HubSocketConnection(ConnectionContext kestrel, WebSocket socket, ClaimsPrincipal user)
    {
        _kestrel = kestrel;
        _socket = socket;
        _output = new WebSocketOutput(socket);
        User = user;
        ConnectionId = NewConnectionId();
    }

    public override string ConnectionId { get; set; }

    public ClaimsPrincipal? User { get; set; }

    public override IFeatureCollection Features => this;

    public override IDictionary<object, object?> Items
    {
        get => _items ??= new ConnectionItems();
        set => _items = value;
    }

    public override IDuplexPipe Transport
    {
        get => this;
        set => throw new NotSupportedException("The transport of a direct hub connection is its WebSocket.");
    }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output;

    public override CancellationToken ConnectionClosed
    {
        get => _kestrel.ConnectionClosed;
        set => throw new NotSupportedException("A direct hub connection closes with its Kestrel connection.");
    }

    public override EndPoint? LocalEndPoint { get => _kestrel.LocalEndPoint; set => _kestrel.LocalEndPoint = value; }

    public override EndPoint? RemoteEndPoint { get => _kestrel.RemoteEndPoint; set => _kestrel.RemoteEndPoint = value; }

    public TransferFormat SupportedFormats => TransferFormat.Text | TransferFormat.Binary;

    public TransferFormat ActiveFormat
    {
        get => _activeFormat;
        set
        {
            _activeFormat = value;
            _output.MessageType = value == TransferFormat.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        }
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _socket.Abort();
        _input.Reader.CancelPendingRead();
        _kestrel.Abort(abortReason);
    }

    public void OnHeartbeat(Action<object> action, object state)
    {
        lock (_heartbeatLock)
        {
            (_heartbeat ??= new(2)).Add((action, state));
        }
    }

    /// <summary>Runs the callbacks SignalR registered; called once a second by <see cref="HubSocketHeartbeat"/>.</summary>
    public void TickHeartbeat()
    {
        // SignalR's callbacks only look at clocks and start a ping write; none registers more.
        lock (_heartbeatLock)
        {
            foreach (var (callback, state) in _heartbeat ?? [])
            {
                callback(state);
            }
        }
    }

    // 128 random bits, as SignalR makes its connection ids.
    private static string NewConnectionId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return WebEncoders.Base64UrlEncode(bytes);
    }
}
