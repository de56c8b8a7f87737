using Microsoft.IdentityModel.Tokens;

namespace Im.Edge.Auth;

/// <summary>The key the edge signs and checks its tokens with, for schemes added beside the member scheme (screens).</summary>
internal sealed record EdgeSigningKey(SymmetricSecurityKey Key);
