using Im.Edge.Connections;
using Im.Silo.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace Im.Edge.Auth;

public static class AuthHostExtensions
{
    // Enough for clocks kept by NTP; small enough that an expired token dies promptly.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bearer authentication for REST and hubs (configuration section <c>Auth</c>, see
    /// <see cref="AuthOptions"/>), the policies (<see cref="ImPolicies"/>), the token issuer and
    /// the registry of live connections (<see cref="MemberConnectionRegistry"/>, also
    /// <see cref="IMemberConnections"/>). Every routed endpoint requires an authenticated,
    /// active member unless it allows anonymous callers.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration has no usable signing key, or an out-of-range value.</exception>
    public static WebApplicationBuilder AddImAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        Validate(options);
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        // Resolved now, not on the first request, so a missing key stops start-up with its message.
        var key = SigningKeys.Resolve(options, storage.DataDirectory);

        var services = builder.Services;
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new AccessTokenIssuer(key, options, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new EdgeSigningKey(key));
        services.AddSingleton<MemberAccessCache>();
        services.AddSingleton<MemberConnectionRegistry>();
        services.AddSingleton<IMemberConnections>(provider => provider.GetRequiredService<MemberConnectionRegistry>());
        services.AddSingleton<ImJwtBearerEvents>();
        services.AddSingleton<HubOriginPolicy>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.EventsType = typeof(ImJwtBearerEvents);
            jwt.TokenValidationParameters = TokenParameters(options, key, options.Audience);
        });

        var member = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(member)
            // Deny by default: an endpoint that forgets RequireAuthorization is still closed to
            // anonymous callers. Requests that match no endpoint pass, so they get 404, not 401.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAssertion(context => context.User.Identity?.IsAuthenticated == true
                    || context.Resource is HttpContext { } http && http.GetEndpoint() is null)
                .Build())
            .AddPolicy(ImPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(ImRoles.Admin));
        return builder;
    }

    /// <summary>
    /// The hub origin check (<see cref="AuthOptions.AllowedOrigins"/>), then authentication and
    /// authorization. Call after the exception handler and before mapping endpoints.
    /// </summary>
    public static WebApplication UseImAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<OriginCheckMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary><c>POST /api/dev/token</c>, only when <see cref="AuthOptions.DevTokenEndpoint"/> is on.</summary>
    public static WebApplication MapImAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<AuthOptions>().DevTokenEndpoint)
        {
            app.MapImDevToken();
        }

        return app;
    }

    /// <summary>
    /// How every scheme of the edge checks a token: HS256 with the edge key, the configured
    /// issuer, <paramref name="audience"/>, a lifetime with <see cref="ClockSkew"/>.
    /// </summary>
    internal static TokenValidationParameters TokenParameters(AuthOptions options, SymmetricSecurityKey key, string audience) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        NameClaimType = ImClaimTypes.MemberId,
        RoleClaimType = ImClaimTypes.Role,
    };

    private static void Validate(AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new InvalidOperationException($"{AuthOptions.SectionName}:Issuer and {AuthOptions.SectionName}:Audience must not be empty.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{AuthOptions.SectionName}:TokenLifetime must be positive; it is {options.TokenLifetime}.");
        }

        if (options.AllowedOrigins.FirstOrDefault(o => HubOriginPolicy.Normalize(o) is null) is { } bad)
        {
            throw new InvalidOperationException($"{AuthOptions.SectionName}:AllowedOrigins holds '{bad}'; each entry is scheme://host[:port] with http or https and no path.");
        }

        if (options.MemberStatusCacheDuration < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{AuthOptions.SectionName}:MemberStatusCacheDuration must not be negative; it is {options.MemberStatusCacheDuration}.");
        }
    }
}
