using Im.Domain.Members;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Im.Edge.Auth;

/// <summary>
/// Signs access tokens with the edge's key, for the issuer and audience every edge node
/// validates. Who may call: endpoints that have already decided the caller deserves the
/// token (the development endpoint, screen registration); it checks nothing itself.
/// </summary>
public sealed class AccessTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly SigningCredentials _credentials;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;

    internal AccessTokenIssuer(SymmetricSecurityKey key, AuthOptions options, TimeProvider time)
    {
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _options = options;
        _time = time;
    }

    /// <summary>A token for <paramref name="member"/>: sub, name, org (when set), one role claim per role, iat, nbf, exp, jti.</summary>
    public IssuedToken Issue(MemberProfile member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var claims = new Dictionary<string, object>
        {
            [ImClaimTypes.MemberId] = member.MemberId,
            [ImClaimTypes.DisplayName] = member.DisplayName,
        };
        if (member.OrgId is not null)
        {
            claims[ImClaimTypes.OrgId] = member.OrgId;
        }

        if (member.Roles.Count > 0)
        {
            claims[ImClaimTypes.Role] = member.Roles.ToArray();
        }

        return Sign(claims, _options.Audience, _options.TokenLifetime);
    }

    /// <summary>
    /// Signs <paramref name="claims"/> (plus iat, nbf, exp, jti) for <paramref name="audience"/>:
    /// tokens that are not member tokens (screens) carry an audience of their own, so the member
    /// scheme refuses them everywhere.
    /// </summary>
    internal IssuedToken Sign(Dictionary<string, object> claims, string audience, TimeSpan lifetime)
    {
        // JWT times are whole seconds; the reported expiry is the one the token carries.
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + lifetime;
        claims[JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N");
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = _credentials,
        };
        return new IssuedToken(_handler.CreateToken(descriptor), expires);
    }
}
