using Im.Domain.Errors;
using Im.Domain.Files;

namespace Im.Domain.Chat;

public sealed partial class ConversationGrain
{
    /// <summary>At most this many files per message.</summary>
    public const int MaxAttachments = 10;

    // A file uploaded to another conversation is refused as if it did not exist: its
    // members chose who may read it, and a message here would show it to others.
    private async Task<List<MessageAttachment>> CheckAttachmentsAsync(IReadOnlyList<string>? fileIds)
    {
        if (fileIds is null || fileIds.Count == 0)
        {
            return [];
        }

        if (fileIds.Count > MaxAttachments)
        {
            throw new DomainException(ErrorCodes.Invalid, $"at most {MaxAttachments} attachments");
        }

        if (fileIds.Distinct(StringComparer.Ordinal).Count() != fileIds.Count)
        {
            throw new DomainException(ErrorCodes.Invalid, "attachments must be distinct");
        }

        var attachments = new List<MessageAttachment>(fileIds.Count);
        foreach (var fileId in fileIds)
        {
            var file = string.IsNullOrEmpty(fileId) ? null : await _files.FindAsync(fileId, CancellationToken.None);
            if (file is null || file.ConversationId != GrainKey)
            {
                throw new DomainException(ErrorCodes.Invalid, $"attachment '{fileId}' is not a file of this conversation");
            }

            attachments.Add(new MessageAttachment(file.FileId, file.Name, file.ContentType, file.Size));
        }

        return attachments;
    }
}
