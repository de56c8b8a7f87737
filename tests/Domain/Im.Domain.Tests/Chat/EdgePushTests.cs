using Im.Domain.Chat;
using Im.Domain.Tests.Support;

namespace Im.Domain.Tests.Chat;

public sealed class EdgePushTests : ChatTestBase
{
    [Fact]
    public async Task AnEdgeReceivesEveryMessageOnceInSeqOrderRetriesIncluded()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        var group = Host.Conversation(ConversationIds.NewGroup());
        await group.CreateGroupAsync(ids[0], "Pushes", [ids[1], ids[2]]);

        var sends = Enumerable.Range(0, 60).Select(i => group.SendAsync(new SendMessageCommand(ids[i % 3], $"c{i}", $"text {i}")));
        var receipts = await Task.WhenAll(sends);
        var retries = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => group.SendAsync(new SendMessageCommand(ids[i % 3], $"c{i}", $"text {i}"))));

        Assert.Equal(receipts, retries);
        var pushed = Host.Edge.Messages;
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), pushed.Select(m => m.Seq));
        Assert.Equal(receipts.OrderBy(r => r.Seq).Select(r => r.ClientMsgId), pushed.Select(m => m.ClientMsgId));
        Assert.All(pushed, m => Assert.Equal($"text {m.ClientMsgId[1..]}", m.Text));
    }

    [Fact]
    public async Task MembershipChangesArePushedAsTheyHappen()
    {
        var ids = await Host.CreateMembersAsync("owner", "ann", "bob");
        var id = ConversationIds.NewGroup();
        var group = Host.Conversation(id);

        await group.CreateGroupAsync(ids[0], "Changes", [ids[1]]);
        await group.AddMembersAsync(ids[0], [ids[2], ids[1]]);
        await group.RemoveMemberAsync(ids[0], ids[1]);
        await group.SetRoleAsync(ids[0], ids[2], MemberRole.Admin);
        await group.RenameAsync(ids[0], "Renamed");
        await group.DissolveAsync(ids[0]);

        Assert.All(Host.Edge.Changes, c => Assert.Equal(id, c.ConversationId));
        Assert.Equal(
            [$"+{ids[0]},{ids[1]} - False", $"+{ids[2]} - False", $"+ -{ids[1]} False", "+ - True"],
            Host.Edge.Changes.Select(c => $"+{string.Join(',', c.Added)} -{string.Join(',', c.Removed)} {c.Dissolved}"));
    }

    [Fact]
    public async Task GoneOrFailingEdgesNeitherFailASendNorStopOtherEdges()
    {
        var gone = Host.Factory.CreateObserverReference<IChatEdgeObserver>(new RecordingEdge());
        Host.Factory.DeleteObserverReference(gone);
        var failing = new FailingEdge();
        var failingId = Host.Factory.CreateObserverReference<IChatEdgeObserver>(failing);
        Host.Edges.Remove(Host.EdgeId);
        Host.Edges.Add(gone);
        Host.Edges.Add(failingId);
        Host.Edges.Add(Host.EdgeId);
        var ids = await Host.CreateMembersAsync("ann", "bob");
        var direct = Host.Conversation(ConversationIds.Direct(ids[0], ids[1]));
        await direct.OpenDirectAsync(ids[0], ids[1]);

        var receipt = await direct.SendAsync(new SendMessageCommand(ids[0], "c1", "anyone there?"));

        Assert.Equal(1, receipt.Seq);
        Assert.Equal([1L], Host.Edge.Messages.Select(m => m.Seq));
        Assert.Single(Host.Edge.Changes);
        Assert.Equal(3, Host.Edges.Edges.Count);
        GC.KeepAlive(failing);
    }

    private sealed class FailingEdge : IChatEdgeObserver
    {
        public Task OnMessageAsync(ChatMessage message) => throw new InvalidOperationException("edge is overloaded");

        public Task OnMembershipChangedAsync(MembershipChange change) => Task.FromException(new InvalidOperationException("edge is overloaded"));

        public Task OnReadAsync(ReadReceipt receipt) => Task.FromException(new InvalidOperationException("edge is overloaded"));

        public Task OnMessageRecalledAsync(MessageRecall recall) => Task.FromException(new InvalidOperationException("edge is overloaded"));

        public Task OnMessageEditedAsync(ChatMessage message) => Task.FromException(new InvalidOperationException("edge is overloaded"));
    }
}
