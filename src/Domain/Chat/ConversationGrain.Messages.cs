using Im.Domain.Errors;
using Im.Domain.History;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>Receipts kept in memory for retries; older ones are found in history.</summary>
    private const int RecentSendCapacity = 4096;

    /// <summary>New sends a stored-id filter is sized for beyond the ids it loads; past them the next send that needs it reads a larger one.</summary>
    private const int FilterHeadroom = 1024;

    private readonly RecentSends _recentSends = new(RecentSendCapacity);

    // Every clientMsgId stored before its last read (the activation's first send that needed
    // it, or the send after its own sends filled it), and since, for a conversation that had
    // history and few enough messages to load; null otherwise.
    private ClientMsgIdFilter? _storedClientMsgIds;

    // The highest seq in history, read at activation and moved by our own appends. Appends
    // of another activation (a split) are not seen here; the history store refuses our next
    // append (its (conversation, seq) is taken) instead, and the fresh activation rereads.
    private long _maxSeq;
    private long _maxSeqAtActivation;

    /// <summary>
    /// Appends a message with the next seq and acknowledges it once the append is durable.
    /// </summary>
    /// <remarks>
    /// <para>Seq: gapless and strictly increasing. The seq is taken from history's highest
    /// seq plus one; if another activation appended it first (a paused node, a split), the
    /// store refuses the append, this activation deactivates, and the call fails with
    /// <c>conflict</c>: a retry with the same clientMsgId then lands correctly.</para>
    /// <para>Idempotency: clientMsgId is unique per conversation. A retry by the same sender
    /// gets the first send's receipt, also after a restart (history is asked when memory
    /// has no answer), even if its text differs or the group was dissolved since. The same
    /// id from a different sender is refused as <c>invalid</c> and never gets another
    /// member's receipt (history finds one message per id, so per-sender ids could not be
    /// answered after a restart).</para>
    /// <para>Who: current members only, while the conversation is not dissolved (a retry of
    /// a send acknowledged before the dissolution still gets its receipt).</para>
    /// <para>Review: a new send's text goes through <see cref="Review.IContentReviewer"/> after the
    /// input checks. Blocked: the decision is audited, then the call fails with
    /// <c>blocked</c> and nothing is stored. Masked: audited, then the masked text is stored
    /// and pushed. Retries answered from an earlier receipt are not reviewed again.</para>
    /// <para>Push: after the append, the message goes to every edge, one edge at a time,
    /// each push awaited (bounded by <see cref="EdgePushTimeout"/>) so an edge receives a
    /// conversation's messages in seq order. Failures are ignored: push is best effort,
    /// pull by seq is authoritative. Then one job goes to the mobile push queue (never
    /// awaited): offline devices are found there, off this turn.</para>
    /// </remarks>
    public async Task<SendReceipt> SendAsync(SendMessageCommand command)
    {
        if (command is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "a send needs a command");
        }

        var senderId = command.SenderId;
        ChatInput.MemberId(senderId, "senderId");
        RequireMember(senderId);
        var clientMsgId = command.ClientMsgId;
        if (string.IsNullOrEmpty(clientMsgId) || clientMsgId.Length > _options.MaxClientMsgIdLength)
        {
            throw new DomainException(ErrorCodes.Invalid, $"clientMsgId must be 1..{_options.MaxClientMsgIdLength} characters");
        }

        if (await FindEarlierSendAsync(senderId, clientMsgId) is { } earlier)
        {
            return earlier;
        }

        RequireNotDissolved();
        var checkedText = CheckText(command.Text);
        var mentions = CheckMentions(senderId, command.Mentions);
        var attachments = await CheckAttachmentsAsync(command.AttachmentFileIds);
        var text = await ReviewAsync(senderId, clientMsgId, checkedText);

        var seq = _maxSeq + 1;
        var sentAt = StoredTime(TimeProvider.GetUtcNow());
        var message = new HistoryMessage(GrainKey, seq, senderId, clientMsgId, sentAt, MessageBody.Encode(text, mentions, attachments));
        try
        {
            await _history.AppendAsync([message], CancellationToken.None);
        }
        catch (DuplicateMessageException)
        {
            DeactivateOnIdle();
            throw new DomainException(ErrorCodes.Conflict, $"seq {seq} of '{GrainKey}' was taken by another writer; retry with the same clientMsgId");
        }
        catch
        {
            // The append may or may not have happened: a fresh activation rereads the seq
            // and finds the message by clientMsgId if it did (a retry reaching this one
            // first asks history too).
            _storedClientMsgIds?.Add(clientMsgId);
            DeactivateOnIdle();
            throw;
        }

        _storedClientMsgIds?.Add(clientMsgId);
        _maxSeq = seq;
        var receipt = new SendReceipt(GrainKey, clientMsgId, seq, sentAt);
        _recentSends.Add(senderId, receipt);
        await PushAsync(edge => edge.OnMessageAsync(new ChatMessage(GrainKey, seq, senderId, clientMsgId, text, mentions, sentAt) { Attachments = attachments }));
        EnqueueMobilePush(senderId, seq, text);
        return receipt;
    }

    /// <summary>
    /// A page of history, ascending by seq: after <c>AfterSeq</c> (up to <c>BeforeSeq</c> if
    /// given), else before <c>BeforeSeq</c>, else the newest. <c>HasMore</c> says the range
    /// holds more: newer ones for an after-query, older ones otherwise. Members only;
    /// members see the whole history, including messages from before they joined.
    /// </summary>
    public async Task<HistoryPage> GetHistoryAsync(string memberId, HistoryQuery query)
    {
        ChatInput.MemberId(memberId, "memberId");
        RequireMember(memberId);
        query ??= new HistoryQuery();
        var limit = query.Limit ?? _options.DefaultHistoryPage;
        if (limit <= 0)
        {
            throw new DomainException(ErrorCodes.Invalid, "limit must be positive");
        }

        if (query.AfterSeq < 0 || query.BeforeSeq <= 0 || query.BeforeSeq <= query.AfterSeq)
        {
            throw new DomainException(ErrorCodes.Invalid, "afterSeq must be at least 0, beforeSeq positive and above afterSeq");
        }

        limit = Math.Min(limit, _options.MaxHistoryPage);
        IReadOnlyList<HistoryMessage> rows;
        bool hasMore;
        if (query.AfterSeq is { } afterSeq)
        {
            // One extra row tells whether the range goes on past the page.
            rows = await _history.ReadAfterAsync(GrainKey, afterSeq, query.BeforeSeq ?? long.MaxValue, limit + 1, CancellationToken.None);
            hasMore = rows.Count > limit;
            rows = hasMore ? rows.Take(limit).ToList() : rows;
        }
        else
        {
            rows = await _history.ReadBeforeAsync(GrainKey, query.BeforeSeq ?? long.MaxValue, limit + 1, CancellationToken.None);
            hasMore = rows.Count > limit;
            rows = hasMore ? rows.Skip(1).ToList() : rows;
        }

        return new HistoryPage([.. rows.Select(ToChatMessage)], hasMore);
    }

    private static ChatMessage ToChatMessage(HistoryMessage row)
    {
        var body = MessageBody.Decode(row.Body);
        return body.Recalled
            ? new ChatMessage(row.ConversationId, row.Seq, row.SenderId, row.ClientMsgId, string.Empty, [], row.SentAt, row.EditVersion, body.EditedAt, Recalled: true, body.RecalledBy)
            : new ChatMessage(row.ConversationId, row.Seq, row.SenderId, row.ClientMsgId, body.Text ?? string.Empty, body.Mentions ?? [], row.SentAt, row.EditVersion, body.EditedAt)
            {
                Attachments = body.Attachments ?? [],
            };
    }

    // History keeps whole microseconds in UTC; the first receipt must equal what a retry
    // after a restart reads back.
    private static DateTimeOffset StoredTime(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);

    private async Task<SendReceipt?> FindEarlierSendAsync(string senderId, string clientMsgId)
    {
        if (_recentSends.Find(clientMsgId) is not { } recent)
        {
            // No earlier send can carry the id when history was empty at activation and
            // memory dropped nothing, or when the filter of stored ids rules it out: then the
            // store is not asked, and the send costs one write.
            if (_maxSeqAtActivation == 0 && _recentSends.HoldsEverySend)
            {
                return null;
            }

            if (await ReadStoredClientMsgIdsAsync() is { } storedIds && !storedIds.MayContain(clientMsgId))
            {
                return null;
            }

            var stored = await _history.FindByClientMsgIdAsync(GrainKey, clientMsgId, CancellationToken.None);
            if (stored is null)
            {
                return null;
            }

            recent = (stored.SenderId, new SendReceipt(GrainKey, clientMsgId, stored.Seq, stored.SentAt));
            _recentSends.Add(stored.SenderId, recent.Receipt);
        }

        return recent.SenderId == senderId
            ? recent.Receipt
            : throw new DomainException(ErrorCodes.Invalid, "clientMsgId is already used in this conversation by another sender");
    }

    /// <summary>
    /// The filter of stored clientMsgIds, read on the first send that needs it (activations
    /// that only read, as <c>getConversations</c> makes for every conversation of a member,
    /// read no ids), for a conversation with at most <see cref="ChatOptions.MaxPreloadedClientMsgIds"/>
    /// messages (seqs are gapless, so its highest seq is its count); null for longer ones.
    /// Every message stored before the read is in it and this activation adds its own after;
    /// a message another activation stores meanwhile takes the seq our next send wants, which
    /// then fails as a conflict. Once this activation's sends have filled it, it is read
    /// again, larger, so a long activation keeps "maybe" at about 1 in 100 new ids: one read
    /// per <see cref="FilterHeadroom"/> sends instead of a lookup for more and more of them.
    /// </summary>
    private async Task<ClientMsgIdFilter?> ReadStoredClientMsgIdsAsync()
    {
        if (_storedClientMsgIds is { IsFull: false } || _maxSeq > _options.MaxPreloadedClientMsgIds)
        {
            return _storedClientMsgIds;
        }

        var stored = await _history.ReadClientMsgIdsAsync(GrainKey, CancellationToken.None);
        var filter = new ClientMsgIdFilter(stored.Count + FilterHeadroom);
        foreach (var clientMsgId in stored)
        {
            filter.Add(clientMsgId);
        }

        _storedClientMsgIds = filter;
        return filter;
    }

    private string CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(ErrorCodes.Invalid, "text must not be empty");
        }

        if (text.Length > _options.MaxTextLength)
        {
            throw new DomainException(ErrorCodes.TooLarge, $"text is longer than {_options.MaxTextLength} characters");
        }

        return text;
    }

    /// <summary>
    /// Checks mentions: distinct members of the conversation, or <see cref="MentionIds.All"/>
    /// from an owner or admin (<c>forbidden</c> for anyone else).
    /// </summary>
    private List<string> CheckMentions(string authorId, IReadOnlyList<string>? mentions)
    {
        if (mentions is null || mentions.Count == 0)
        {
            return [];
        }

        if (mentions.Count > _options.MaxMentions)
        {
            throw new DomainException(ErrorCodes.Invalid, $"at most {_options.MaxMentions} mentions");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mention in mentions)
        {
            if (mention == MentionIds.All)
            {
                if (State.Members[authorId].Role is not (MemberRole.Owner or MemberRole.Admin))
                {
                    throw new DomainException(ErrorCodes.Forbidden, "only owners and admins may mention @all");
                }
            }
            else if (mention is null || !State.Members.ContainsKey(mention))
            {
                throw new DomainException(ErrorCodes.Invalid, "every mention must be a member of the conversation");
            }

            if (!seen.Add(mention))
            {
                throw new DomainException(ErrorCodes.Invalid, "mentions must be distinct");
            }
        }

        return [.. mentions];
    }
}
