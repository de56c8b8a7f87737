using System.Security.Cryptography;
using System.Text;

namespace Im.Edge.Sockets;

/// <summary>
/// The parts of a WebSocket upgrade request to the member hub that the direct path needs:
/// the key to answer, the Host and Origin to check, and where the token came from.
/// </summary>
internal sealed record HubUpgradeRequest(string Host, string WebSocketKey, string? Origin, string? Authorization, string? QueryToken)
{
    /// <summary>The request target of the member hub, without its query.</summary>
    public const string HubPath = "/hubs/im";

    // RFC 6455, section 1.3: the server proves it read the key by hashing it with this GUID.
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>The token as <c>ImJwtBearerEvents</c> reads it: the bearer header first, then <c>access_token</c>.</summary>
    /// <remarks>Null when the header names another scheme: that request is the HTTP pipeline's to refuse.</remarks>
    public string? Token => Authorization is null
        ? QueryToken
        : Authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Authorization["Bearer ".Length..].Trim() : null;

    /// <summary>The head of the <c>101 Switching Protocols</c> answer, in ASCII.</summary>
    public byte[] SwitchingProtocolsResponse()
    {
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(WebSocketKey + AcceptGuid)));
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
    }
}
