using Im.Domain.Members;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>
    /// How long one edge may take to accept a push. A stuck edge would otherwise stall the
    /// conversation's turn, and with it every sender; past this the push is abandoned and
    /// that edge may see later messages first (its clients catch up by pulling).
    /// </summary>
    private static readonly TimeSpan EdgePushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Records a durable membership change in the members' lists, then tells the edges.</summary>
    private async Task AnnounceAsync(MembershipChange change)
    {
        await RecordJoinsAsync(change.Added);
        await RecordLeavesAsync(change.Removed);
        await PushAsync(edge => edge.OnMembershipChangedAsync(change));
    }

    // Member grains make both calls idempotent, so repeating them is how retries repair lists.
    private Task RecordJoinsAsync(IReadOnlyList<string> memberIds) =>
        Task.WhenAll(memberIds.Select(id => GrainFactory.GetGrain<IMemberGrain>(id).JoinedAsync(GrainKey)));

    private Task RecordLeavesAsync(IReadOnlyList<string> memberIds) =>
        Task.WhenAll(memberIds.Select(id => GrainFactory.GetGrain<IMemberGrain>(id).LeftAsync(GrainKey)));

    /// <summary>Pushes to each edge in turn, awaiting each, so an edge sees this conversation's events in order.</summary>
    private async Task PushAsync(Func<IChatEdgeObserver, Task> push)
    {
        foreach (var edge in _edges.Edges)
        {
            try
            {
                await push(GrainFactory.GetObserver<IChatEdgeObserver>(edge)).WaitAsync(EdgePushTimeout, TimeProvider);
            }
            catch (Exception)
            {
                // Best effort by contract: a gone or failing edge costs its clients a pull,
                // never the sender's ack. The directory, not the conversation, decides
                // which edges are live, so nothing is removed here.
            }
        }
    }
}
