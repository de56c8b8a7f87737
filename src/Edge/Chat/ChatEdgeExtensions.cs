using Im.Domain.Chat;
using Im.Edge.Auth;
using Im.Edge.Hosting;
using Im.Edge.Limits;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

public static class ChatEdgeExtensions
{
    /// <summary>The member hub and the fan-out of conversation events to local connections.</summary>
    public static WebApplicationBuilder AddImChatEdge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddImChat(builder.Configuration.GetSection(ChatOptions.SectionName));
        builder.Services.AddImLimits(builder.Configuration.GetSection(LimitsOptions.SectionName));
        var hubs = builder.Configuration.GetSection("Hubs");
        builder.Services
            .AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.EnableDetailedErrors = false;

                // SignalR's keep-alive ping and client timeout (defaults 15 s and 30 s); settable
                // because mobile networks and proxies differ in how long they keep an idle socket.
                o.KeepAliveInterval = hubs.GetValue<TimeSpan?>("KeepAliveInterval") ?? o.KeepAliveInterval;
                o.ClientTimeoutInterval = hubs.GetValue<TimeSpan?>("ClientTimeoutInterval") ?? o.ClientTimeoutInterval;
            })
            .AddJsonProtocol(HubJson.Use);

        // The filters as instances (both are singletons): a filter added by type is resolved,
        // and its call wrapped in an async method of SignalR's, on every hub call.
        builder.Services.AddOptions<HubOptions>().Configure<ImHubErrorFilter, RateLimitHubFilter>((o, errors, limits) =>
        {
            // Outermost first: the error filter also sees what the rate limiter throws.
            o.AddFilter(errors);
            o.AddFilter(limits);
        });

        // Conversation groups are kept by Im's manager so a conversation's queued events can
        // leave together; a closed registration wins over SignalR's open-generic default.
        builder.Services.AddSingleton<ImHubLifetimeManager>();
        builder.Services.AddSingleton<HubLifetimeManager<ImHub>>(provider => provider.GetRequiredService<ImHubLifetimeManager>());
        builder.Services.AddSingleton<ImHubErrorFilter>();
        builder.Services.AddSingleton<IHubActivator<ImHub>, ImHubActivator>();
        builder.Services.AddSingleton<IUserIdProvider, MemberUserIdProvider>();
        builder.Services.AddSingleton<ChatEdge>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatEdge>());
        return builder;
    }

    public static WebApplication MapImChatEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Authorized once, when the connection is made (the direct path checks the same token
        // at its upgrade): an [Authorize] on the hub class would also have SignalR build and
        // evaluate the policy again on every hub call, for a user that cannot change.
        app.MapHub<ImHub>("/hubs/im").RequireAuthorization();
        return app;
    }

    /// <summary>
    /// A SignalR user is a member: the token's subject. Hall screens connect with a token that
    /// names no member, so their connections have no user and never get a member's events.
    /// </summary>
    private sealed class MemberUserIdProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => connection.User.FindMemberId();
    }
}
