namespace Im.Domain.Errors;

/// <summary>The stable error codes of the public contract (docs/protocol.md lists them all).</summary>
public static class ErrorCodes
{
    /// <summary>Malformed or out-of-range input.</summary>
    public const string Invalid = "invalid";

    /// <summary>The caller is not a member of the conversation.</summary>
    public const string NotMember = "not_member";

    /// <summary>The caller is a member but lacks the role for this action.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The target (member, conversation) does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>A message or a batch is above the configured size.</summary>
    public const string TooLarge = "too_large";

    /// <summary>The conversation is at its member limit.</summary>
    public const string Full = "full";

    /// <summary>The group was dissolved; it takes no more messages or members.</summary>
    public const string Dissolved = "dissolved";

    /// <summary>The text contains a word of a blocking word list; nothing was stored.</summary>
    public const string Blocked = "blocked";

    /// <summary>Too many requests; retry later.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>A concurrent writer won; retrying the same request (same clientMsgId) is safe.</summary>
    public const string Conflict = "conflict";

    /// <summary>The caller is not authenticated, or the member is disabled.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>A browser page of an origin that is not allowed tried to open a hub connection.</summary>
    public const string ForbiddenOrigin = "forbidden_origin";
}
