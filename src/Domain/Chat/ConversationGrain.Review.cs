using Im.Domain.Errors;
using Im.Domain.Review;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>
    /// Reviews a new send's text and returns the text to store. Every decision but
    /// <c>Allowed</c> is audited before the call goes on: a failed audit write fails the
    /// send, so no block (and no mask) happens without its record.
    /// </summary>
    private async Task<string> ReviewAsync(string senderId, string clientMsgId, string text)
    {
        var review = _reviewer.Review(text);
        if (review.Decision == ReviewDecision.Allowed)
        {
            return text;
        }

        await _audit.AppendAsync(
            new ReviewAuditRecord(0, TimeProvider.GetUtcNow(), GrainKey, senderId, clientMsgId, review.Decision, review.ListName, review.MatchedWords),
            CancellationToken.None);
        if (review.Decision == ReviewDecision.Blocked)
        {
            throw new DomainException(ErrorCodes.Blocked, $"the text contains words of the word list '{review.ListName}'; nothing was stored");
        }

        return review.Text;
    }
}
