namespace Im.Edge.Sockets;

public static class HubSocketExtensions
{
    /// <summary>
    /// The member hub's direct WebSocket path (<see cref="HubUpgradeMiddleware"/>) on every
    /// Kestrel endpoint, configured by the <c>HubSockets</c> section (<see cref="HubSocketOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddImHubSockets(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<HubSocketOptions>(builder.Configuration.GetSection(HubSocketOptions.SectionName));
        builder.Services.AddSingleton<HubSocketAuthenticator>();
        builder.Services.AddSingleton<HubSocketHeartbeat>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HubSocketHeartbeat>());
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Use(next => new HubUpgradeMiddleware(next, listen.ApplicationServices).OnConnectionAsync)));
        return builder;
    }
}
