using System.Text.Json;
using Im.Edge.Auth;
using Im.Edge.Chat;
using Im.Edge.Files;
using Im.Edge.Hall;
using Im.Domain.Review;
using Im.Edge.Members;
using Im.Edge.Review;
using Im.Edge.Sockets;
using Im.Silo.Storage;
using Im.Edge.Push;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Im.Edge.Hosting;

public static class EdgeHostExtensions
{
    /// <summary>Services of the edge: what terminates client connections and REST.</summary>
    public static WebApplicationBuilder AddImEdge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.AddImAuthentication();
        builder.AddImChatEdge();
        builder.AddImHubSockets();
        var dataDirectory = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.DataDirectory ?? new StorageOptions().DataDirectory;
        builder.Services.AddImReview(builder.Configuration.GetSection(ReviewOptions.SectionName), Path.Combine(dataDirectory, "wordlists"));
        builder.AddImPushEdge();
        builder.AddImFiles();
        builder.AddImHallEdge();
        builder.Services.Configure<MemoryTrimOptions>(builder.Configuration.GetSection(MemoryTrimOptions.SectionName));
        builder.Services.AddTrimmableSocketBuffers();
        builder.Services.AddHostedService<MemoryTrimService>();
        return builder;
    }

    /// <summary>
    /// Kestrel's transports rent their buffers from <see cref="TrimmableMemoryPool"/>s. Kestrel
    /// takes the last <see cref="IMemoryPoolFactory{T}"/> registered, so this goes after
    /// <c>WebApplication.CreateBuilder</c>'s own.
    /// </summary>
    internal static IServiceCollection AddTrimmableSocketBuffers(this IServiceCollection services)
    {
        services.AddSingleton<TrimmableMemoryPoolFactory>();
        services.AddSingleton<IMemoryPoolFactory<byte>>(provider => provider.GetRequiredService<TrimmableMemoryPoolFactory>());
        return services;
    }

    /// <summary>Endpoints of the edge.</summary>
    public static WebApplication MapImEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        // Before authentication: the display page's files are public and need no identity.
        app.UseImHallDisplayFiles();
        app.UseImAuthentication();
        // Load balancers probe without credentials.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapImAuthentication();
        app.MapImMembers();
        app.MapImReview();
        app.MapImFiles();
        app.MapImChatEdge();
        app.MapImHallEdge();
        return app;
    }

    // Plain JSON an operator or a load balancer can read: overall status and each check.
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
