using Im.Actors;
using Im.Hall.Halls;
using Im.Hall.Screens;

namespace Im.Edge.Hall;

/// <summary>
/// Hall REST, screens (hall admins): register a screen and get its token, remove it. A removed
/// screen's connections on this node close at once and it cannot connect again.
/// </summary>
internal static class ScreenEndpoints
{
    public static RouteGroupBuilder MapImHallScreens(this RouteGroupBuilder halls)
    {
        halls.MapPost("/{hallId}/screens", AddAsync);
        halls.MapDelete("/{hallId}/screens/{screenId}", RemoveAsync);
        return halls;
    }

    private static async Task<IResult> AddAsync(string hallId, HttpContext context, IGrainFactory grains, HallAccess access, ScreenTokenIssuer tokens)
    {
        await HallEndpoints.RequireAdminAsync(hallId, context, access);
        var setup = await HallJson.ReadOptionalAsync<ScreenSetup>(context) ?? new ScreenSetup();
        HallInputs.OptionalId(setup.WindowId, "windowId");
        var screen = await grains.GetGrain<IHallGrain>(hallId).AddScreenAsync(setup);
        var token = tokens.Issue(screen);
        return HallJson.Created(
            $"/api/halls/{hallId}/screens/{screen.ScreenId}",
            new ScreenCreated(screen.ScreenId, token.AccessToken, token.ExpiresAt, screen.HallId, screen.Name, screen.WindowId, DisplayPage.PathOf(hallId)));
    }

    // Durable first, then the live connections: one closed before the removal was stored
    // could reconnect and be let in.
    private static async Task<IResult> RemoveAsync(string hallId, string screenId, HttpContext context, IGrainFactory grains, HallAccess access, ScreenConnections screens)
    {
        await HallEndpoints.RequireAdminAsync(hallId, context, access);
        HallInputs.Id(screenId, "screenId");
        await grains.GetGrain<IHallGrain>(hallId).RemoveScreenAsync(screenId);
        screens.Disconnect(screenId);
        return TypedResults.NoContent();
    }
}
