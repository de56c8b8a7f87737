using Im.Domain.Errors;
using Im.Domain.Members;
using Im.Domain.Search;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

public sealed partial class ImHub
{
    public const int MaxSearchQueryLength = 100;
    public const int DefaultSearchLimit = 20;
    public const int MaxSearchLimit = 100;

    /// <summary>
    /// Messages of the caller's conversations (or of one of them) whose text contains the
    /// query, newest first. The member grain's conversation list is the authority: the
    /// store is only ever asked about conversations the caller belongs to now.
    /// </summary>
    /// <remarks><paramref name="search"/> comes from the container, not from the client.</remarks>
    public async Task<SearchMessagesResult> SearchMessages(SearchMessagesRequest request, IMessageSearch search)
    {
        Require(request, nameof(request));
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > MaxSearchQueryLength)
        {
            throw new HubException($"{ErrorCodes.Invalid}: query must be 1..{MaxSearchQueryLength} characters");
        }

        if (request.Limit is <= 0)
        {
            throw new HubException($"{ErrorCodes.Invalid}: limit must be positive");
        }

        var mine = (await grains.GetGrain<IMemberGrain>(MemberId).GetConversationsAsync()).Select(c => c.ConversationId).ToList();
        if (request.ConversationId is { } only)
        {
            if (!mine.Contains(only, StringComparer.Ordinal))
            {
                throw new HubException($"{ErrorCodes.NotMember}: '{MemberId}' is not a member of {only}");
            }

            mine = [only];
        }

        var limit = Math.Min(request.Limit ?? DefaultSearchLimit, MaxSearchLimit);
        return new SearchMessagesResult(await search.SearchAsync(mine, request.Query.Trim(), limit, Context.ConnectionAborted));
    }
}
