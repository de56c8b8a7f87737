using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Presence;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class ReadReceiptTests : IAsyncLifetime
{
    private readonly ChatStore _store = ChatStore.Sqlite();
    private ChatHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ChatHost.StartAsync(_store, o => o.PresenceGroupLimit = 3);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task ReadPositionsSurviveARestartAndOnlyMovesArePushed()
    {
        var ids = await _host.CreateMembersAsync("owner", "ann", "bob");
        var id = ConversationIds.NewGroup();
        await _host.Conversation(id).CreateGroupAsync(ids[0], "reads", [ids[1], ids[2]]);
        for (var i = 1; i <= 3; i++)
        {
            await _host.Conversation(id).SendAsync(new SendMessageCommand(ids[0], $"m{i}", $"text {i}", null));
        }

        Assert.Equal(3, await _host.Conversation(id).MarkReadAsync(ids[1], 99));
        Assert.Equal(3, await _host.Conversation(id).MarkReadAsync(ids[1], 2));
        Assert.Equal(2, await _host.Conversation(id).MarkReadAsync(ids[2], 2));
        Assert.Equal([new ReadReceipt(id, ids[1], 3), new ReadReceipt(id, ids[2], 2)], _host.Edge.Reads);

        await _host.DisposeAsync();
        _host = await ChatHost.StartAsync(_store);
        var page = await _host.Conversation(id).GetReadByAsync(ids[0], new ReadByQuery(2));

        Assert.Equal(new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal), page.ReadBy);
        Assert.Equal([ids[0]], page.Unread);
        Assert.Equal(3, (await _host.Member(ids[1]).GetConversationsAsync()).Single().ReadSeq);
    }

    [Fact]
    public async Task RoomsKeepNoReceipts()
    {
        var ids = await _host.CreateMembersAsync("owner", "ann");
        var room = _host.Conversation(ConversationIds.Room($"reads-{ids[0]}"));
        await room.CreateRoomAsync(ids[0], "room");
        await room.JoinAsync(ids[1]);
        await room.SendAsync(new SendMessageCommand(ids[0], "m1", "hello", null));

        Assert.Equal(1, await room.MarkReadAsync(ids[1], 1));
        Assert.Empty(_host.Edge.Reads);
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => room.GetReadByAsync(ids[0], new ReadByQuery(1)));
        Assert.Empty(await PresenceAudience.ContactsOfAsync(_host.Factory, ids[1]));
    }

    [Fact]
    public async Task PresenceIsSharedInDirectConversationsAndSmallGroupsOnly()
    {
        var ids = await _host.CreateMembersAsync("ann", "bob", "cat", "dan", "eve");
        await _host.Conversation(ConversationIds.Direct(ids[0], ids[1])).OpenDirectAsync(ids[0], ids[1]);
        await _host.Conversation(ConversationIds.NewGroup()).CreateGroupAsync(ids[0], "small", [ids[2]]);
        await _host.Conversation(ConversationIds.NewGroup()).CreateGroupAsync(ids[0], "too big", [ids[3], ids[4], ids[2]]);

        var contacts = await PresenceAudience.ContactsOfAsync(_host.Factory, ids[0]);

        Assert.Equal(new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal), contacts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PresenceFollowsTheNewestReportOfEachEdge()
    {
        var ids = await _host.CreateMembersAsync("ann");
        var presence = _host.Factory.GetGrain<IPresenceGrain>(ids[0]);
        var edge = _host.EdgeId.Value;

        await presence.ReportAsync(edge, 1, version: 1);
        await presence.ReportAsync(edge, 2, version: 2);
        var online = await presence.GetAsync();
        await presence.ReportAsync(edge, 0, version: 4);
        await presence.ReportAsync(edge, 1, version: 3);
        var offline = await presence.GetAsync();

        Assert.Equal(new MemberPresence(ids[0], PresenceStatus.Online, null), online);
        Assert.Equal(PresenceStatus.Offline, offline.Status);
        Assert.NotNull(offline.LastSeen);
    }
}
