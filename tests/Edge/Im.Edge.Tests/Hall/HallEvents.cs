using System.Text.Json.Nodes;
using Im.Testing;
using Im.Testing.SignalR;

namespace Im.Edge.Tests.Hall;

/// <summary>Reading a connection's events in arrival order, each awaited with the default ceiling.</summary>
internal static class HallEvents
{
    /// <summary>The next event of any name, which must be <paramref name="target"/> (spelled exactly so); its payload.</summary>
    public static async Task<JsonNode> NextAsync(this HubClient client, string target)
    {
        var received = await client.Received.ReadAsync(TestContext.Current.CancellationToken).AsTask().DefaultTimeout();
        Assert.True(received.Target == target, $"expected {target}, got {received.Target}: {received.Arguments[0]?.ToJsonString()}");
        return received.Arguments[0]!;
    }

    /// <summary>The next <c>notification</c> on a member's <c>/hubs/im</c> connection, which must be of <paramref name="kind"/>.</summary>
    public static async Task<JsonNode> NextNoticeAsync(this HubClient member, string kind)
    {
        var notice = await member.NextAsync("notification");
        Assert.Equal(kind, (string?)notice["kind"]);
        return notice;
    }

    /// <summary>Whether the connection holds no event now (what was expected has been read).</summary>
    public static void AssertNoMoreEvents(this HubClient client)
    {
        if (client.Received.TryRead(out var extra))
        {
            Assert.Fail($"unexpected {extra.Target}: {extra.Arguments[0]?.ToJsonString()}");
        }
    }
}
