using Im.Domain.Chat;
using Im.Domain.Errors;
using Im.Domain.Presence;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class ReadReceiptTests : ChatTestBase
{
    protected override Task<ChatHost> StartHostAsync() =>
        ChatHost.StartAsync(Store, o => o.PresenceGroupLimit = 3);

    [Fact]
    public async Task ReadPositionsSurviveARestartAndOnlyMovesArePushed()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        var id = ConversationIds.NewGroup();
        await Host.Conversation(id).CreateGroupAsync(ids[0], "reads", [ids[1], ids[2]]);
        for (var i = 1; i <= 3; i++)
        {
            await Host.Conversation(id).SendAsync(new SendMessageCommand(ids[0], $"m{i}", $"text {i}", null));
        }

        Assert.Equal(3, await Host.Conversation(id).MarkReadAsync(ids[1], 99));
        Assert.Equal(3, await Host.Conversation(id).MarkReadAsync(ids[1], 2));
        Assert.Equal(2, await Host.Conversation(id).MarkReadAsync(ids[2], 2));
        Assert.Equal([new ReadReceipt(id, ids[1], 3), new ReadReceipt(id, ids[2], 2)], Host.Edge.Reads);

        await Host.DisposeAsync();
        Host = await ChatHost.StartAsync(Store);
        var page = await Host.Conversation(id).GetReadByAsync(ids[0], new ReadByQuery(2));

        Assert.Equal(new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal), page.ReadBy);
        Assert.Equal([ids[0]], page.Unread);
        Assert.Equal(3, (await Host.Member(ids[1]).GetConversationsAsync()).Single().ReadSeq);
    }

    [Fact]
    public async Task ReadsInAGroupWriteOnlyTheReadersOwnStateNeverTheGroups()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        var id = ConversationIds.NewGroup();
        var group = Host.Conversation(id);
        await group.CreateGroupAsync(ids[0], "reads", [ids[1], ids[2]]);
        await group.SendAsync(new SendMessageCommand(ids[0], "m1", "text 1", null));
        await group.SendAsync(new SendMessageCommand(ids[0], "m2", "text 2", null));
        var before = await Host.StateStore.ReadAsync("conversation", id, TestContext.Current.CancellationToken);

        Assert.Equal(2, await group.MarkReadAsync(ids[1], 2));
        Assert.Equal(1, await group.MarkReadAsync(ids[2], 1));

        var after = await Host.StateStore.ReadAsync("conversation", id, TestContext.Current.CancellationToken);
        Assert.NotNull(before.Etag);
        Assert.Equal(before.Etag, after.Etag);
        var page = await group.GetReadByAsync(ids[0], new ReadByQuery(2));
        Assert.Equal([ids[1]], page.ReadBy);
        Assert.Equal(new[] { ids[0], ids[2] }.Order(StringComparer.Ordinal), page.Unread);
    }

    [Fact]
    public async Task RoomsKeepNoReceipts()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann");
        var room = Host.Conversation(ConversationIds.Room($"reads-{ids[0]}"));
        await room.CreateRoomAsync(ids[0], "room");
        await room.JoinAsync(ids[1]);
        await room.SendAsync(new SendMessageCommand(ids[0], "m1", "hello", null));

        Assert.Equal(1, await room.MarkReadAsync(ids[1], 1));
        Assert.Empty(Host.Edge.Reads);
        await Refusal.ExpectAsync(ErrorCodes.Invalid, () => room.GetReadByAsync(ids[0], new ReadByQuery(1)));
        Assert.Empty(await PresenceAudience.ContactsOfAsync(Host.Factory, ids[1]));
    }

    [Fact]
    public async Task PresenceIsSharedInDirectConversationsAndSmallGroupsOnly()
    {
        var ids = await Host.CreateMembersAsync("ann", "bob", "cat", "dan", "eve");
        await Host.Conversation(ConversationIds.Direct(ids[0], ids[1])).OpenDirectAsync(ids[0], ids[1]);
        await Host.Conversation(ConversationIds.NewGroup()).CreateGroupAsync(ids[0], "small", [ids[2]]);
        await Host.Conversation(ConversationIds.NewGroup()).CreateGroupAsync(ids[0], "too big", [ids[3], ids[4], ids[2]]);

        var contacts = await PresenceAudience.ContactsOfAsync(Host.Factory, ids[0]);

        Assert.Equal(new[] { ids[1], ids[2] }.Order(StringComparer.Ordinal), contacts.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PresenceFollowsTheNewestReportOfEachEdge()
    {
        var ids = await Host.CreateMembersAsync("ann");
        var presence = Host.Factory.GetGrain<IPresenceGrain>(ids[0]);
        var edge = Host.EdgeId.Value;

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
