using Im.Actors;
using Im.Domain.Chat;
using Im.Domain.Members;
using Im.Edge.Auth;
using Im.Edge.Connections;
using Im.Edge.Push;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// The member hub, <c>/hubs/im</c>. Every method acts as the authenticated member and is
/// authorized by the conversation grain against its own membership; refusals reach the
/// client as a HubException whose message starts with a stable code (<see cref="ImHubErrorFilter"/>).
/// </summary>
[Authorize]
public sealed partial class ImHub(IGrainFactory grains, ChatEdge edge, MemberConnectionRegistry connections, DeviceBindings devices) : Hub
{
    private string MemberId => Context.User?.MemberId() ?? throw new HubException("unauthorized: no member id in the token");

    public override async Task OnConnectedAsync()
    {
        if (!await connections.RegisterAsync(MemberId, Context.ConnectionId, Context.Abort))
        {
            return;
        }

        var conversations = await grains.GetGrain<IMemberGrain>(MemberId).GetConversationsAsync();
        await edge.JoinConversationsAsync(Context.ConnectionId, conversations.Select(c => c.ConversationId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Unregister(MemberId, Context.ConnectionId);
        devices.Unbind(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<ConversationRef> OpenDirect(string peerMemberId)
    {
        Require(peerMemberId, nameof(peerMemberId));
        var id = ConversationIds.Direct(MemberId, peerMemberId);
        await Conversation(id).OpenDirectAsync(MemberId, peerMemberId);
        return new ConversationRef(id);
    }

    public async Task<ConversationRef> CreateGroup(CreateGroupRequest request)
    {
        Require(request, nameof(request));
        var id = ConversationIds.NewGroup();
        await Conversation(id).CreateGroupAsync(MemberId, request.Title, request.MemberIds ?? []);
        return new ConversationRef(id);
    }

    public async Task<ConversationRef> CreateRoom(CreateRoomRequest request)
    {
        Require(request, nameof(request));
        var id = ConversationIds.Room(request.RoomId);
        await Conversation(id).CreateRoomAsync(MemberId, request.Title);
        return new ConversationRef(id);
    }

    public Task<SendReceipt> SendMessage(SendMessageRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).SendAsync(new SendMessageCommand(MemberId, request.ClientMsgId, request.Text, request.Mentions, request.Attachments?.Select(a => a?.FileId!).ToList()));
    }

    public Task<HistoryPage> GetHistory(GetHistoryRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).GetHistoryAsync(MemberId, new HistoryQuery(request.AfterSeq, request.BeforeSeq, request.Limit));
    }

    public async Task<IReadOnlyList<ConversationListItem>> GetConversations()
    {
        var entries = await grains.GetGrain<IMemberGrain>(MemberId).GetConversationsAsync();
        var infos = await Task.WhenAll(entries.Select(e => Conversation(e.ConversationId).GetInfoAsync(MemberId)));
        return [.. entries.Zip(infos, (entry, info) => new ConversationListItem(
            info.ConversationId,
            info.Kind,
            info.Title,
            info.MaxSeq,
            Math.Min(entry.ReadSeq, info.MaxSeq),
            Math.Max(0, info.MaxSeq - entry.ReadSeq),
            info.MemberCount,
            info.Dissolved))];
    }

    public async Task<ReadPosition> MarkRead(MarkReadRequest request)
    {
        Require(request, nameof(request));

        // A read position past the newest message would hide later messages as read.
        var info = await Conversation(request.ConversationId).GetInfoAsync(MemberId);
        var readSeq = await grains.GetGrain<IMemberGrain>(MemberId).MarkReadAsync(request.ConversationId, Math.Min(request.Seq, info.MaxSeq));
        return new ReadPosition(request.ConversationId, readSeq);
    }

    private IConversationGrain Conversation(string conversationId)
    {
        Require(conversationId, nameof(conversationId));
        return grains.GetGrain<IConversationGrain>(conversationId);
    }

    private static void Require(object? value, string name)
    {
        if (value is null || value is string { Length: 0 })
        {
            throw new HubException($"invalid: {name} is required");
        }
    }
}
