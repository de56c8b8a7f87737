using System.Buffers;
using System.Text;
using Im.Edge.Sockets;

namespace Im.Edge.Tests.Sockets;

public sealed class HubUpgradeParserTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private static string Head(string requestLine = "GET /hubs/im?access_token=abc.def.ghi HTTP/1.1", params string[] replaced)
    {
        var headers = new List<string>
        {
            "Host: 127.0.0.1:5080",
            "Upgrade: websocket",
            "Connection: keep-alive, Upgrade",
            "Sec-WebSocket-Version: 13",
            $"Sec-WebSocket-Key: {Key}",
        };
        foreach (var header in replaced)
        {
            var name = header.Split(':')[0];
            headers.RemoveAll(h => h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
            if (header.Contains(':', StringComparison.Ordinal) && header.Split(':', 2)[1].Length > 0)
            {
                headers.Add(header);
            }
        }

        return $"{requestLine}\r\n{string.Join("\r\n", headers)}\r\n\r\n";
    }

    private static HeadVerdict Inspect(string text, out HubUpgradeRequest? request) =>
        HubUpgradeParser.Inspect(new ReadOnlySequence<byte>(Encoding.Latin1.GetBytes(text)), 8192, out request, out _);

    [Fact]
    public void AnUpgradeToTheMemberHubIsRecognizedWithItsQueryToken()
    {
        Assert.Equal(HeadVerdict.Upgrade, Inspect(Head(), out var request));
        Assert.Equal("abc.def.ghi", request!.Token);
        Assert.Equal("127.0.0.1:5080", request.Host);
        Assert.Null(request.Origin);
    }

    [Fact]
    public void TheBearerHeaderWinsOverTheQueryAsInTheHttpPipeline()
    {
        Assert.Equal(HeadVerdict.Upgrade, Inspect(Head(replaced: "Authorization: Bearer header.token.value"), out var request));
        Assert.Equal("header.token.value", request!.Token);

        Assert.Equal(HeadVerdict.Upgrade, Inspect(Head(replaced: "Authorization: Basic dXNlcjpwdw=="), out request));
        Assert.Null(request!.Token);
    }

    [Fact]
    public void APercentEncodedQueryTokenIsDecoded()
    {
        Assert.Equal(HeadVerdict.Upgrade, Inspect(Head("GET /hubs/im?id=x&access_token=a%2Eb.c HTTP/1.1"), out var request));
        Assert.Equal("a.b.c", request!.Token);
    }

    [Fact]
    public void TheAnswerCarriesTheAcceptKeyOfRfc6455()
    {
        Assert.Equal(HeadVerdict.Upgrade, Inspect(Head(), out var request));
        var response = Encoding.ASCII.GetString(request!.SwitchingProtocolsResponse());
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", response, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", response, StringComparison.Ordinal);
    }

    [Fact]
    public void APartialHeadOfAnUpgradeAsksForMore()
    {
        var head = Head();
        Assert.Equal(HeadVerdict.NeedMore, Inspect(head[..5], out _));
        Assert.Equal(HeadVerdict.NeedMore, Inspect(head[..(head.Length - 2)], out _));
    }

    [Theory]
    [InlineData("POST /hubs/im/negotiate?negotiateVersion=1 HTTP/1.1")]
    [InlineData("GET /hubs/im/negotiate HTTP/1.1")]
    [InlineData("GET /hubs/imx HTTP/1.1")]
    [InlineData("GET /hubs/hall HTTP/1.1")]
    [InlineData("GET /HUBS/IM HTTP/1.1")]
    [InlineData("GET /hubs/im HTTP/1.0")]
    [InlineData("GET /hubs/im?access_token=a&access_token=b HTTP/1.1")]
    [InlineData("GET  /hubs/im HTTP/1.1")]
    public void OtherRequestLinesAreNotOurs(string requestLine) => Assert.Equal(HeadVerdict.NotOurs, Inspect(Head(requestLine), out _));

    [Theory]
    [InlineData("Upgrade:")]
    [InlineData("Upgrade: h2c")]
    [InlineData("Connection: keep-alive")]
    [InlineData("Sec-WebSocket-Version: 8")]
    [InlineData("Sec-WebSocket-Key: short")]
    [InlineData("Sec-WebSocket-Key:")]
    [InlineData("Host:")]
    [InlineData("Content-Length: 5")]
    [InlineData("Transfer-Encoding: chunked")]
    [InlineData("Sec-WebSocket-Protocol: chat")]
    public void UpgradesWithMissingOrUnusualHeadersAreNotOurs(string header) => Assert.Equal(HeadVerdict.NotOurs, Inspect(Head(replaced: header), out _));

    [Fact]
    public void DuplicatedFoldedOrMalformedHeadersAreNotOurs()
    {
        var head = Head();
        Assert.Equal(HeadVerdict.NotOurs, Inspect(head.Replace("Host: 127.0.0.1:5080", "Host: 127.0.0.1:5080\r\nHost: evil", StringComparison.Ordinal), out _));
        Assert.Equal(HeadVerdict.NotOurs, Inspect(head.Replace("Upgrade: websocket", "Upgrade: websocket\r\n  folded", StringComparison.Ordinal), out _));
        Assert.Equal(HeadVerdict.NotOurs, Inspect(head.Replace("Upgrade: websocket", "Upgrade : websocket", StringComparison.Ordinal), out _));
        Assert.Equal(HeadVerdict.NotOurs, Inspect(head.Replace("Upgrade: websocket", "Upgrade: web\u0001socket", StringComparison.Ordinal), out _));
    }

    [Fact]
    public void AHeadLongerThanTheLimitIsNotOurs()
    {
        var head = Head(replaced: $"X-Padding: {new string('a', 9000)}");
        Assert.Equal(HeadVerdict.NotOurs, Inspect(head, out _));
        Assert.Equal(HeadVerdict.NotOurs, Inspect(head[..8500], out _));
    }
}
