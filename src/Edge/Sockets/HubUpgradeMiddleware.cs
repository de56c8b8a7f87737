using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using System.Security.Claims;
using Im.Edge.Chat;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Im.Edge.Sockets;

/// <summary>
/// Kestrel connection middleware in front of HTTP: when a connection's first request is a
/// WebSocket upgrade to <c>/hubs/im</c> that passes the origin and token checks, it answers
/// the upgrade itself and runs SignalR's hub layer (<see cref="HubConnectionHandler{THub}"/>,
/// with Im's lifetime manager, filters and protocol) straight over the WebSocket. Every other
/// connection, and every request it does not admit, goes to Kestrel's HTTP layer unread.
/// </summary>
/// <remarks>
/// <para>Why: an idle member connection is what the edge holds most of. Through the HTTP
/// pipeline each one keeps Kestrel's HTTP/1.1 request state, the request's authentication
/// results and service scope, SignalR's connection context with two pipes and a transport
/// with two loops; here it keeps a WebSocket, one small pipe and
/// <see cref="HubSocketConnection"/>. The hub protocol, hub methods and events are SignalR's
/// own and unchanged. See docs/fanout.md, "Memory per connection".</para>
/// <para>What it leaves to the HTTP path: negotiate, the other transports, HTTPS endpoints (it
/// sees TLS bytes there, not a request) and every refusal, so refusals keep their statuses and
/// codes.</para>
/// </remarks>
internal sealed class HubUpgradeMiddleware(ConnectionDelegate next, IServiceProvider services)
{
    private HubSocketOptions Options => services.GetRequiredService<IOptions<HubSocketOptions>>().Value;

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        var options = Options;
        var principal = options.Enabled ? await TryUpgradeAsync(connection, options).ConfigureAwait(false) : null;
        if (principal is null)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        // No WebSocket keep-alive timer per connection: SignalR's pings and client timeout,
        // driven by the shared heartbeat, keep idle connections alive and find dead ones.
        var socket = WebSocket.CreateFromStream(new DuplexPipeStream(connection.Transport), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        var hub = new HubSocketConnection(connection, socket, principal);
        var heartbeat = services.GetRequiredService<HubSocketHeartbeat>();
        heartbeat.Add(hub);
        var receiving = hub.ReceiveAsync();
        try
        {
            await services.GetRequiredService<HubConnectionHandler<ImHub>>().OnConnectedAsync(hub).ConfigureAwait(false);
        }
        finally
        {
            heartbeat.Remove(hub);
            await hub.CloseAsync(receiving, options.CloseTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the connection's first request head and, when it is an upgrade this path admits,
    /// answers it with 101 and returns the member's principal. Otherwise returns null, having
    /// consumed nothing. A method of its own so that the head (with the token in it) is not
    /// kept for the connection's life by the caller's frame: about 0.8 KB per connection.
    /// </summary>
    private async Task<ClaimsPrincipal?> TryUpgradeAsync(ConnectionContext connection, HubSocketOptions options)
    {
        var input = connection.Transport.Input;
        var head = await ReadHeadAsync(input, options).ConfigureAwait(false);
        var principal = head.Request is null ? null : await AdmitAsync(head.Request).ConfigureAwait(false);
        if (principal is null)
        {
            // Nothing consumed: Kestrel's HTTP parser reads the request from its first byte.
            if (head.Buffer is { } unread)
            {
                input.AdvanceTo(unread.Start);
            }

            return null;
        }

        input.AdvanceTo(head.HeadEnd);
        await connection.Transport.Output.WriteAsync(head.Request!.SwitchingProtocolsResponse()).ConfigureAwait(false);
        return principal;
    }

    // Admission failing for any reason (the member grain unreachable, say) is the HTTP
    // pipeline's to answer: it runs the same checks and reports them as it always does.
    private async Task<ClaimsPrincipal?> AdmitAsync(HubUpgradeRequest request)
    {
        try
        {
            return await services.GetRequiredService<HubSocketAuthenticator>().AdmitAsync(request).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            services.GetRequiredService<ILogger<HubUpgradeMiddleware>>().LogDebug(ex, "A hub upgrade could not be admitted directly; the HTTP pipeline answers it");
            return null;
        }
    }

    /// <summary>
    /// Reads until the first request head is recognized or ruled out, or the head timeout
    /// passes. Returns the parsed upgrade (or null) and the last read, not yet advanced; no
    /// read when the timeout passed (everything read was already advanced past, unconsumed).
    /// </summary>
    private static async Task<Head> ReadHeadAsync(PipeReader input, HubSocketOptions options)
    {
        using var timeout = new CancellationTokenSource(options.HeadTimeout);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A slow client: what it sent so far stays in the pipe for Kestrel's HTTP
                // layer, whose own header timeout takes over.
                return new Head(null, null, default);
            }

            var verdict = HubUpgradeParser.Inspect(result.Buffer, options.MaxHeadBytes, out var request, out var headEnd);
            if (verdict != HeadVerdict.NeedMore || result.IsCompleted || result.IsCanceled)
            {
                return new Head(verdict == HeadVerdict.Upgrade ? request : null, result.Buffer, headEnd);
            }

            // Examined everything: the next read waits for more bytes.
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>The recognized upgrade, the bytes of the last read (null if none is outstanding) and where the head ends in them.</summary>
    private readonly record struct Head(HubUpgradeRequest? Request, ReadOnlySequence<byte>? Buffer, SequencePosition HeadEnd);
}
