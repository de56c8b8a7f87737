using Im.Hall.Halls;

namespace Im.Edge.Hall;

/// <summary>
/// The hall display page, <c>/hall/{hallId}/display</c>: static HTML, CSS and JavaScript from
/// the edge's web root, with the official SignalR browser client vendored beside them. The
/// page is anonymous; its screen token travels in the URL fragment, which browsers never send.
/// </summary>
internal static class DisplayPage
{
    public const string File = "hall/display.html";

    // Scripts and styles from this server only (no inline code), hub connections to it only,
    // never framed, and no referrer that could carry the page's address anywhere.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "media-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string PathOf(string hallId) => $"/hall/{hallId}/display";

    /// <summary>Static files of the web root (the page's script, style and the vendored client), with the same headers.</summary>
    public static WebApplication UseImHallDisplayFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => Secure(file.Context.Response) });
        return app;
    }

    public static IEndpointRouteBuilder MapImHallDisplay(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/hall/{hallId}/display", (string hallId, HttpContext context, IWebHostEnvironment environment) =>
        {
            if (!HallInput.IsId(hallId))
            {
                return Results.NotFound();
            }

            var page = environment.WebRootFileProvider.GetFileInfo(File);
            if (!page.Exists)
            {
                return Results.Problem($"The display page is missing from the web root ({File}).");
            }

            Secure(context.Response);
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }

    private static void Secure(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}
