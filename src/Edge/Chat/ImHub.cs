using Im.Actors;
using Im.Domain.Chat;
using Im.Domain.Members;
using Im.Edge.Auth;
using Im.Edge.Connections;
using Im.Edge.Push;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// The member hub, <c>/hubs/im</c>. Every method acts as the authenticated member and is
/// authorized by the conversation grain against its own membership; refusals reach the
/// client as a HubException whose message starts with a stable code (<see cref="ImHubErrorFilter"/>).
/// </summary>
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
        await ReportPresenceAsync();
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Unregister(MemberId, Context.ConnectionId);
        devices.Unbind(Context.ConnectionId);
        await ReportPresenceAsync();
        await base.OnDisconnectedAsync(exception);
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

    public Task<MessageRecall> RecallMessage(RecallMessageRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).RecallAsync(MemberId, request.Seq);
    }

    public Task<ChatMessage> EditMessage(EditMessageRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).EditAsync(new EditMessageCommand(MemberId, request.Seq, request.Text, request.Mentions));
    }

    public async Task<IReadOnlyList<ConversationListItem>> GetConversations()
    {
        var entries = await grains.GetGrain<IMemberGrain>(MemberId).GetConversationsAsync();
        var infos = await Task.WhenAll(entries.Select(e => Conversation(e.ConversationId).GetInfoAsync(MemberId)));

        // Mentions are counted from history on read; fully read conversations cost nothing.
        var mentions = await Task.WhenAll(entries.Zip(infos, (entry, info) => entry.ReadSeq < info.MaxSeq
            ? Conversation(entry.ConversationId).GetMentionsAsync(MemberId, entry.ReadSeq)
            : Task.FromResult(MentionSummary.None)));
        return [.. entries.Select((entry, i) => new ConversationListItem(
            infos[i].ConversationId,
            infos[i].Kind,
            infos[i].Title,
            infos[i].MaxSeq,
            Math.Min(entry.ReadSeq, infos[i].MaxSeq),
            Math.Max(0, infos[i].MaxSeq - entry.ReadSeq),
            infos[i].MemberCount,
            infos[i].Dissolved,
            mentions[i].Count,
            mentions[i].LastSeq))];
    }

    /// <summary>Moves the read position; when it moved, the conversation pushes a <c>read</c> event to its members' connections.</summary>
    public async Task<ReadPosition> MarkRead(MarkReadRequest request)
    {
        Require(request, nameof(request));
        var readSeq = await Conversation(request.ConversationId).MarkReadAsync(MemberId, request.Seq);
        return new ReadPosition(request.ConversationId, readSeq);
    }

    public Task<ReadByPage> GetReadBy(GetReadByRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).GetReadByAsync(MemberId, new ReadByQuery(request.Seq, request.Limit, request.After));
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
