using System.Buffers;
using System.Text;

namespace Im.Edge.Sockets;

/// <summary>What the first bytes of a connection turned out to be.</summary>
internal enum HeadVerdict
{
    /// <summary>Could still be an upgrade to the member hub: read more.</summary>
    NeedMore,

    /// <summary>Anything else: Kestrel's HTTP layer reads it, unconsumed.</summary>
    NotOurs,

    /// <summary>A well-formed WebSocket upgrade to <c>/hubs/im</c>.</summary>
    Upgrade,
}

/// <summary>
/// Recognizes a WebSocket upgrade to the member hub in the first request head of a
/// connection. Strict on purpose: anything unusual (another method or path, HTTP/1.0, a body,
/// folded or duplicated headers, a subprotocol, a malformed key) is not ours, and goes to
/// Kestrel's HTTP parser, which answers it as before. So this parser never has to refuse.
/// </summary>
internal static class HubUpgradeParser
{
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("GET " + HubUpgradeRequest.HubPath);
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Looks at <paramref name="buffer"/>, the bytes received so far. On <see cref="HeadVerdict.Upgrade"/>,
    /// <paramref name="request"/> is set and <paramref name="headEnd"/> is the position after the head.
    /// </summary>
    public static HeadVerdict Inspect(ReadOnlySequence<byte> buffer, int maxHeadBytes, out HubUpgradeRequest? request, out SequencePosition headEnd)
    {
        request = null;
        headEnd = buffer.Start;
        var prefixLength = (int)Math.Min(buffer.Length, Prefix.Length);
        Span<byte> start = stackalloc byte[Prefix.Length];
        buffer.Slice(0, prefixLength).CopyTo(start);
        if (!start[..prefixLength].SequenceEqual(Prefix.AsSpan(0, prefixLength)))
        {
            return HeadVerdict.NotOurs;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> head, EndOfHead, advancePastDelimiter: true))
        {
            return buffer.Length >= maxHeadBytes ? HeadVerdict.NotOurs : HeadVerdict.NeedMore;
        }

        if (head.Length + EndOfHead.Length > maxHeadBytes)
        {
            return HeadVerdict.NotOurs;
        }

        headEnd = reader.Position;
        request = Parse(Encoding.Latin1.GetString(head));
        return request is null ? HeadVerdict.NotOurs : HeadVerdict.Upgrade;
    }

    private static HubUpgradeRequest? Parse(string head)
    {
        var lines = head.Split("\r\n");
        var target = RequestTarget(lines[0]);
        if (target is null || !TryQueryToken(target, out var queryToken))
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.AsSpan(0, colon).ContainsAny(" \t") || HasControl(line))
            {
                return null;
            }

            // A repeated header could mean two things to two parsers: not ours to decide.
            if (!headers.TryAdd(line[..colon], line[(colon + 1)..].Trim(' ', '\t')))
            {
                return null;
            }
        }

        if (headers.ContainsKey("Content-Length") || headers.ContainsKey("Transfer-Encoding") || headers.ContainsKey("Sec-WebSocket-Protocol")
            || !headers.TryGetValue("Host", out var host) || host.Length == 0
            || !HasToken(headers, "Upgrade", "websocket") || !HasToken(headers, "Connection", "upgrade")
            || !headers.TryGetValue("Sec-WebSocket-Version", out var version) || version != "13"
            || !headers.TryGetValue("Sec-WebSocket-Key", out var key) || !IsWebSocketKey(key))
        {
            return null;
        }

        return new HubUpgradeRequest(host, key, headers.GetValueOrDefault("Origin"), headers.GetValueOrDefault("Authorization"), queryToken);
    }

    // "GET /hubs/im?query HTTP/1.1": the path exactly, any query.
    private static string? RequestTarget(string requestLine)
    {
        const string method = "GET ";
        const string version = " HTTP/1.1";
        if (!requestLine.StartsWith(method, StringComparison.Ordinal) || !requestLine.EndsWith(version, StringComparison.Ordinal))
        {
            return null;
        }

        var target = requestLine[method.Length..^version.Length];
        return target == HubUpgradeRequest.HubPath || target.StartsWith(HubUpgradeRequest.HubPath + "?", StringComparison.Ordinal) ? target : null;
    }

    private static bool TryQueryToken(string target, out string? token)
    {
        token = null;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return true;
        }

        foreach (var pair in target[(question + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || pair[..equals] != "access_token")
            {
                continue;
            }

            if (token is not null)
            {
                return false;
            }

            token = Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return true;
    }

    private static bool HasToken(Dictionary<string, string> headers, string name, string token) =>
        headers.TryGetValue(name, out var value)
        && value.Split(',').Any(part => part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));

    private static bool IsWebSocketKey(string key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    private static bool HasControl(string line)
    {
        foreach (var c in line)
        {
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                return true;
            }
        }

        return false;
    }
}
