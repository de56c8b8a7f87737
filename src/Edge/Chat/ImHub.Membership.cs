using Im.Domain.Chat;

namespace Im.Edge.Chat;

public sealed partial class ImHub
{
    public async Task<ConversationInfo> JoinRoom(ConversationRef request)
    {
        Require(request, nameof(request));
        return await Conversation(request.ConversationId).JoinAsync(MemberId);
    }

    public Task Leave(ConversationRef request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).LeaveAsync(MemberId);
    }

    public Task<ConversationInfo> AddMembers(MembersRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).AddMembersAsync(MemberId, request.MemberIds ?? []);
    }

    public Task RemoveMember(MemberRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).RemoveMemberAsync(MemberId, request.MemberId);
    }

    public Task SetRole(SetRoleRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).SetRoleAsync(MemberId, request.MemberId, request.Role);
    }

    public Task<ConversationInfo> Rename(RenameRequest request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).RenameAsync(MemberId, request.Title);
    }

    public Task Dissolve(ConversationRef request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).DissolveAsync(MemberId);
    }

    public Task<ConversationInfo> GetConversation(ConversationRef request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).GetInfoAsync(MemberId);
    }

    public Task<IReadOnlyList<ConversationMember>> GetMembers(ConversationRef request)
    {
        Require(request, nameof(request));
        return Conversation(request.ConversationId).GetMembersAsync(MemberId);
    }
}
