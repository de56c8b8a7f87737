using System.Diagnostics.CodeAnalysis;
using Im.Domain.Errors;

namespace Im.Domain.Chat;

/// <summary>Input rules of the chat, checked before anything changes (refusals are <c>invalid</c>).</summary>
internal static class ChatInput
{
    public const int MaxMemberIdLength = 64;

    /// <summary>The kind a conversation id names by its prefix, or null when it names none.</summary>
    public static ConversationKind? KindOf(string conversationId) =>
        conversationId.Length > 2 && conversationId[1] == ':'
            ? conversationId[0] switch
            {
                'd' => ConversationKind.Direct,
                'g' => ConversationKind.Group,
                'r' => ConversationKind.Room,
                _ => null,
            }
            : null;

    /// <summary>1..64 characters of A-Z a-z 0-9 _ . @ - (no ':', so direct ids parse unambiguously).</summary>
    public static bool IsMemberId([NotNullWhen(true)] string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxMemberIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '@' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static void MemberId([NotNull] string? value, string role)
    {
        if (!IsMemberId(value))
        {
            // The bad value is not echoed: it may be anything, of any length.
            throw new DomainException(ErrorCodes.Invalid, $"{role} must be 1..{MaxMemberIdLength} characters of A-Z a-z 0-9 _ . @ -");
        }
    }

    /// <summary>Checked, ordinal-distinct member ids in the order given.</summary>
    public static List<string> MemberIds(IReadOnlyList<string>? values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(values?.Count ?? 0);
        foreach (var value in values ?? [])
        {
            MemberId(value, "every member id");
            if (seen.Add(value))
            {
                ids.Add(value);
            }
        }

        return ids;
    }

    /// <summary>The title trimmed; 1..<paramref name="maxLength"/> characters.</summary>
    public static string Title(string? value, int maxLength)
    {
        var title = value?.Trim() ?? string.Empty;
        if (title.Length == 0 || title.Length > maxLength)
        {
            throw new DomainException(ErrorCodes.Invalid, $"a title must be 1..{maxLength} characters after trimming");
        }

        return title;
    }
}
