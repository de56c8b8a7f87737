namespace Im.Edge.Auth;

/// <summary>
/// Which pages may open hub connections: requests without an Origin (native apps, servers),
/// this server's own pages and <see cref="AuthOptions.AllowedOrigins"/>. Shared by the HTTP
/// pipeline's <see cref="OriginCheckMiddleware"/> and the member hub's direct WebSocket path.
/// </summary>
public sealed class HubOriginPolicy(AuthOptions options)
{
    private readonly HashSet<string> _allowed = new(options.AllowedOrigins.Select(Normalize).OfType<string>(), StringComparer.Ordinal);

    /// <summary>True when a request to <paramref name="scheme"/>://<paramref name="host"/> with these Origin values may reach a hub.</summary>
    public bool Allows(IReadOnlyList<string?> origins, string scheme, string host)
    {
        ArgumentNullException.ThrowIfNull(origins);
        if (origins.Count == 0)
        {
            return true;
        }

        var origin = origins.Count == 1 ? Normalize(origins[0]) : null;
        return origin is not null && (_allowed.Contains(origin) || origin == Normalize($"{scheme}://{host}"));
    }

    /// <summary>
    /// <c>scheme://host:port</c> in lower case with the port always spelled out, so that
    /// <c>HTTP://LocalHost</c> and <c>http://localhost:80</c> are the same origin; null when
    /// it is not an http(s) origin (including the opaque origin <c>null</c> of sandboxed pages).
    /// </summary>
    internal static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
            ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant()
            : null;
}
