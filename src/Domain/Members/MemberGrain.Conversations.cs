using Im.Domain.Chat;
using Im.Domain.Errors;

namespace Im.Domain.Members;

public sealed partial class MemberGrain
{
    public Task<IReadOnlyList<MemberConversation>> GetConversationsAsync() =>
        Task.FromResult<IReadOnlyList<MemberConversation>>([.. State.Conversations.Select(c => new MemberConversation(c.Key, c.Value))]);

    public async Task JoinedAsync(string conversationId)
    {
        if (State.Conversations.TryAdd(conversationId, 0))
        {
            await WriteStateAsync();
        }
    }

    public async Task LeftAsync(string conversationId)
    {
        if (State.Conversations.Remove(conversationId))
        {
            await WriteStateAsync();
        }
    }

    public async Task<ReadMove> MarkReadAsync(string conversationId, long seq)
    {
        if (!State.Conversations.TryGetValue(conversationId, out var readSeq))
        {
            throw new DomainException(ErrorCodes.NotMember, $"'{GrainKey}' is not in conversation '{conversationId}'");
        }

        if (seq < 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "seq must not be negative");
        }

        if (seq > readSeq)
        {
            State.Conversations[conversationId] = seq;
            await WriteStateAsync();
            return new ReadMove(seq, Moved: true);
        }

        return new ReadMove(readSeq, Moved: false);
    }

    public Task<long> GetReadSeqAsync(string conversationId) =>
        Task.FromResult(State.Conversations.GetValueOrDefault(conversationId));
}
