using Im.Domain.Errors;
using Im.Domain.History;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>
    /// Recalls a message, leaving a tombstone at its seq so seqs stay gapless.
    /// </summary>
    /// <remarks>
    /// <para>Who: the sender within <see cref="ChatOptions.RecallWindow"/> of sending; owners
    /// and admins (groups and rooms) at any time. Anyone else, or the sender too late, gets
    /// <c>forbidden</c>; a seq that was never stored is <c>not_found</c>.</para>
    /// <para>Idempotent: recalling a recalled message answers the first recall and pushes
    /// nothing (also for a different member, also after the group was dissolved).</para>
    /// <para>Durability and order: the tombstone replaces the body through the store's
    /// compare-and-set before the call returns (a concurrent writer in another activation
    /// makes it <c>conflict</c>); then <c>messageRecalled</c> goes to every edge through the
    /// same ordered push path as messages.</para>
    /// </remarks>
    public async Task<MessageRecall> RecallAsync(string actorId, long seq)
    {
        ChatInput.MemberId(actorId, "actorId");
        var actor = RequireMember(actorId);
        var (row, body) = await RequireMessageAsync(seq);
        if (body.Recalled)
        {
            return new MessageRecall(GrainKey, seq, body.RecalledBy ?? string.Empty, body.RecalledAt ?? row.SentAt);
        }

        RequireNotDissolved();
        var now = TimeProvider.GetUtcNow();
        var moderator = actor.Role is MemberRole.Owner or MemberRole.Admin;
        if (!moderator && row.SenderId != actorId)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the sender, an owner or an admin may recall a message");
        }

        if (!moderator && now - row.SentAt > _options.RecallWindow)
        {
            throw new DomainException(ErrorCodes.Forbidden, $"messages can be recalled within {_options.RecallWindow} of sending");
        }

        var recall = new MessageRecall(GrainKey, seq, actorId, StoredTime(now));
        await UpdateBodyAsync(row, MessageBody.Encode(new MessageBody(null, null, body.EditedAt, Recalled: true, actorId, recall.RecalledAt)));
        await PushAsync(edge => edge.OnMessageRecalledAsync(recall));
        return recall;
    }

    /// <summary>
    /// Replaces a message's text (and mentions, when given) and returns the updated message.
    /// </summary>
    /// <remarks>
    /// <para>Who: the sender only, within <see cref="ChatOptions.EditWindow"/> of sending,
    /// while the conversation is not dissolved (<c>forbidden</c> otherwise). A recalled
    /// message is <c>invalid</c>; a seq never stored is <c>not_found</c>.</para>
    /// <para>The new text passes the send path's checks: size, mentions (with the
    /// <c>@all</c> rule) and content review, auditing under the message's clientMsgId.</para>
    /// <para>Not idempotent: each accepted edit moves the edit version by one. The store's
    /// compare-and-set on that version makes a concurrent edit by another activation
    /// <c>conflict</c> instead of overwriting. Then <c>messageEdited</c> with the whole
    /// message goes to every edge through the ordered push path.</para>
    /// </remarks>
    public async Task<ChatMessage> EditAsync(EditMessageCommand command)
    {
        if (command is null)
        {
            throw new DomainException(ErrorCodes.Invalid, "an edit needs a command");
        }

        var editorId = command.EditorId;
        ChatInput.MemberId(editorId, "editorId");
        RequireMember(editorId);
        var (row, body) = await RequireMessageAsync(command.Seq);
        if (body.Recalled)
        {
            throw new DomainException(ErrorCodes.Invalid, $"message {command.Seq} was recalled and cannot be edited");
        }

        if (row.SenderId != editorId)
        {
            throw new DomainException(ErrorCodes.Forbidden, "only the sender may edit a message");
        }

        var now = TimeProvider.GetUtcNow();
        if (now - row.SentAt > _options.EditWindow)
        {
            throw new DomainException(ErrorCodes.Forbidden, $"messages can be edited within {_options.EditWindow} of sending");
        }

        RequireNotDissolved();
        var checkedText = CheckText(command.Text);
        IReadOnlyList<string> mentions = command.Mentions is null ? body.Mentions ?? [] : CheckMentions(editorId, command.Mentions);
        var text = await ReviewAsync(editorId, row.ClientMsgId, checkedText);

        // An edit changes the words, not the files: attachments stay as sent.
        var newBody = MessageBody.Encode(body with { Text = text, Mentions = mentions, EditedAt = StoredTime(now) });
        await UpdateBodyAsync(row, newBody);
        var message = ToChatMessage(row with { Body = newBody, EditVersion = row.EditVersion + 1 });
        await PushAsync(edge => edge.OnMessageEditedAsync(message));
        return message;
    }

    private async Task<(HistoryMessage Row, MessageBody Body)> RequireMessageAsync(long seq)
    {
        var rows = seq > 0
            ? await _history.ReadAfterAsync(GrainKey, seq - 1, seq + 1, 1, CancellationToken.None)
            : [];
        return rows.Count == 1
            ? (rows[0], MessageBody.Decode(rows[0].Body))
            : throw new DomainException(ErrorCodes.NotFound, $"'{GrainKey}' has no message {seq}");
    }

    private async Task UpdateBodyAsync(HistoryMessage row, string body)
    {
        if (!await _history.UpdateBodyAsync(GrainKey, row.Seq, body, row.EditVersion, CancellationToken.None))
        {
            // Another activation changed the message since it was read here; nothing this
            // activation holds is stale (messages are not cached), so a retry rereads it.
            throw new DomainException(ErrorCodes.Conflict, $"message {row.Seq} of '{GrainKey}' was changed by another writer; read it again");
        }
    }
}
