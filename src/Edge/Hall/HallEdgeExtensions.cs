using Im.Edge.Auth;
using Im.Hall.Halls;
using Im.Hall.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Im.Edge.Hall;

public static class HallEdgeExtensions
{
    /// <summary>The scheme of screen tokens, beside the member scheme; only <c>/hubs/hall</c> asks for it.</summary>
    public const string ScreenScheme = "Screen";

    /// <summary>The policy of <c>/hubs/hall</c>: a member token or a screen token (which hall is checked per call).</summary>
    public const string SubscriberPolicy = "hall:subscriber";

    /// <summary>Hall REST, the hall hub and its fan-out, screen tokens and the display page.</summary>
    public static WebApplicationBuilder AddImHallEdge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddImHall(builder.Configuration);
        services.AddSingleton(builder.Configuration.GetSection(HallOptions.SectionName).Get<HallEdgeOptions>() ?? new HallEdgeOptions());
        services.AddSingleton<HallEdge>();
        services.AddHostedService(sp => sp.GetRequiredService<HallEdge>());
        services.AddSingleton<HallSnapshots>();
        services.AddSingleton<HallAccess>();
        services.AddSingleton<ScreenConnections>();
        services.AddSingleton<ScreenTokenIssuer>();
        services.AddSingleton<ScreenJwtBearerEvents>();
        services.AddSingleton<HallProblemFilter>();

        services.AddAuthentication().AddJwtBearer(ScreenScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(ScreenScheme).Configure<EdgeSigningKey, AuthOptions>((jwt, key, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.EventsType = typeof(ScreenJwtBearerEvents);
            jwt.TokenValidationParameters = AuthHostExtensions.TokenParameters(auth, key.Key, ScreenTokenIssuer.AudienceOf(auth));
        });
        services.AddAuthorizationBuilder().AddPolicy(SubscriberPolicy, policy => policy
            .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ScreenScheme)
            .RequireAuthenticatedUser());
        return builder;
    }

    public static WebApplication MapImHallEdge(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var halls = app.MapGroup("/api/halls").RequireAuthorization().AddEndpointFilter<HallProblemFilter>();
        halls.MapImHallConfiguration();
        halls.MapImHallWindows();
        halls.MapImHallTickets();
        halls.MapImHallAppointments();
        halls.MapImHallScreens();
        halls.MapImHallStatistics();
        app.MapHub<HallHub>(ScreenJwtBearerEvents.HubPath).RequireAuthorization(SubscriberPolicy);
        app.MapImHallDisplay();
        return app;
    }
}
