namespace Im.Edge.Auth;

/// <summary>
/// Which pages may open hub connections: requests without an Origin (native apps, servers),
/// this server's own pages and <see cref="AuthOptions.AllowedOrigins"/>. Shared by the HTTP
/// pipeline's <see cref="OriginCheckMiddleware"/> and the member hub's direct WebSocket path.
/// </summary>
public sealed class HubOriginPolicy(AuthOptions options)
{
    private readonly HashSet<string> _allowed = new(options.AllowedOrigins.Select(OriginCheckMiddleware.Normalize).OfType<string>(), StringComparer.Ordinal);

    /// <summary>True when a request to <paramref name="scheme"/>://<paramref name="host"/> with these Origin values may reach a hub.</summary>
    public bool Allows(IReadOnlyList<string?> origins, string scheme, string host)
    {
        ArgumentNullException.ThrowIfNull(origins);
        if (origins.Count == 0)
        {
            return true;
        }

        var origin = origins.Count == 1 ? OriginCheckMiddleware.Normalize(origins[0]) : null;
        return origin is not null && (_allowed.Contains(origin) || origin == OriginCheckMiddleware.Normalize($"{scheme}://{host}"));
    }
}
