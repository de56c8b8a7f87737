namespace Im.Edge.Auth;

/// <summary>
/// The <c>Auth</c> configuration section: how access tokens are issued and checked, and which
/// browser origins may open hub connections.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The shortest signing key accepted: HMAC-SHA256 needs 256 bits to be worth its name.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The <c>iss</c> every token carries and every request must match.</summary>
    public string Issuer { get; set; } = "im";

    /// <summary>The <c>aud</c> every token carries and every request must match.</summary>
    public string Audience { get; set; } = "im-clients";

    /// <summary>
    /// The HMAC-SHA256 key shared by every edge node, at least <see cref="MinimumKeyBytes"/>
    /// bytes: a value that reads as base64 is taken as base64, anything else as UTF-8 text.
    /// Required, except with <see cref="DevTokenEndpoint"/> on, where a random key is generated
    /// once and kept in the data directory. Never commit it: production sets <c>Auth__SigningKey</c>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an issued token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Maps <c>POST /api/dev/token</c>, which hands anyone a token for any member and any role:
    /// on in the embedded profile only, off in production.
    /// </summary>
    public bool DevTokenEndpoint { get; set; }

    /// <summary>
    /// Browser origins (<c>scheme://host[:port]</c>) allowed to open hub connections besides the
    /// server's own; requests without an <c>Origin</c> header (native apps, servers) always pass.
    /// </summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// How long a member's "exists and is not disabled" answer is reused before the member grain
    /// is asked again: the longest a disabled member's new requests can still get through on
    /// another edge node. On this node, disabling evicts the answer at once.
    /// </summary>
    public TimeSpan MemberStatusCacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
