using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Im.Domain.Chat;
using Im.Testing;
using Im.Testing.SignalR;
using static Im.Edge.Tests.Chat.ChatCalls;

namespace Im.Edge.Tests.Chat;

public sealed class ReviewHubTests(LimitedChatServer fixture) : IClassFixture<LimitedChatServer>
{
    private ChatServer Server => fixture.Server;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABlockedWordIsRefusedWithBlockedAndNothingIsStoredOrDelivered()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await Server.ConnectAsync(ann);
        await using var bobClient = await Server.ConnectAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;

        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("sendMessage", Send(conversation, "b1", "这是禁词")));
        await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "ok", "fine"));

        Assert.Equal("blocked", refusal.Code);
        Assert.Equal("fine", Assert.Single((await annClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages).Text);
        Assert.Equal("fine", (await bobClient.NextEventAsync<ChatMessage>("message", Cancellation).DefaultTimeout()).Text);
    }

    [Fact]
    public async Task AMaskedWordIsStoredAndDeliveredMasked()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await Server.ConnectAsync(ann);
        await using var bobClient = await Server.ConnectAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;

        await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "m1", "Darn, 混蛋!"));

        Assert.Equal("****, **!", (await bobClient.NextEventAsync<ChatMessage>("message", Cancellation).DefaultTimeout()).Text);
        Assert.Equal("****, **!", Assert.Single((await bobClient.InvokeAsync<HistoryPage>("getHistory", new { conversationId = conversation })).Messages).Text);
    }

    [Fact]
    public async Task AnAdminReloadTakesEffectWithoutARestartAndTheAuditListsTheDecisions()
    {
        var (ann, bob) = (Unique("ann"), Unique("bob"));
        await using var annClient = await Server.ConnectAsync(ann);
        await Server.TokenAsync(bob);
        var conversation = (await annClient.InvokeAsync<ConversationRefWire>("openDirect", bob)).ConversationId;
        var word = $"w{Guid.NewGuid():N}"[..12];
        await annClient.InvokeAsync<SendReceipt>("sendMessage", Send(conversation, "before", $"say {word}"));
        var admin = await Server.TokenAsync(Unique("adm"), "admin");

        await File.WriteAllTextAsync(Path.Combine(Server.WordListDirectory, $"{word}.block.txt"), word, Cancellation);
        using var reload = await SendAsync(HttpMethod.Post, "/api/admin/review/reload", admin);
        var refusal = await Assert.ThrowsAsync<HubInvocationException>(() => annClient.InvokeAsync("sendMessage", Send(conversation, "after", $"say {word.ToUpperInvariant()}")));
        using var audit = await SendAsync(HttpMethod.Get, "/api/admin/review/audit?limit=500", admin);

        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
        var lists = (await reload.Content.ReadFromJsonAsync<JsonObject>(Cancellation))!["lists"]!.AsArray();
        Assert.Contains(lists, l => (string?)l!["name"] == word && (string?)l["policy"] == "block" && (int?)l["words"] == 1);
        Assert.Equal("blocked", refusal.Code);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var record = Assert.Single((await audit.Content.ReadFromJsonAsync<JsonArray>(Cancellation))!, r => (string?)r!["conversationId"] == conversation);
        Assert.Equal(("blocked", word, ann, "after"), ((string?)record!["decision"], (string?)record["listName"], (string?)record["senderId"], (string?)record["clientMsgId"]));
        Assert.Equal(word, (string?)record["matchedWords"]!.AsArray().Single());
    }

    [Fact]
    public async Task OnlyAdminsMayReloadOrReadTheAudit()
    {
        var member = await Server.TokenAsync(Unique("mem"));

        using var reload = await SendAsync(HttpMethod.Post, "/api/admin/review/reload", member);
        using var audit = await SendAsync(HttpMethod.Get, "/api/admin/review/audit", member);
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/admin/review/audit", token: null);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (reload.StatusCode, audit.StatusCode, anonymous.StatusCode));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Server.Http.SendAsync(request, Cancellation);
    }
}
