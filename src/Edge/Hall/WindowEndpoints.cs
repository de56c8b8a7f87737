using Im.Actors;
using Im.Hall.Windows;

namespace Im.Edge.Hall;

/// <summary>
/// Hall REST, windows (hall staff): call the next ticket, call it again, close it as a no-show
/// or as served, pause and resume, read the window. Each answers once the change is stored;
/// screens get the event from the hall.
/// </summary>
internal static class WindowEndpoints
{
    public static RouteGroupBuilder MapImHallWindows(this RouteGroupBuilder halls)
    {
        var window = halls.MapGroup("/{hallId}/windows/{windowId}");
        window.MapGet("/", (string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access) =>
            RunAsync(hallId, windowId, context, grains, access, w => w.GetAsync()));
        window.MapPost("/call-next", CallNextAsync);
        window.MapPost("/recall", (string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access) =>
            RunAsync(hallId, windowId, context, grains, access, w => w.RecallAsync()));
        window.MapPost("/skip", (string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access) =>
            RunAsync(hallId, windowId, context, grains, access, w => w.SkipAsync()));
        window.MapPost("/finish", (string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access) =>
            RunAsync(hallId, windowId, context, grains, access, w => w.FinishAsync()));
        window.MapPost("/pause", (string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access) =>
            RunAsync(hallId, windowId, context, grains, access, w => w.PauseAsync()));
        window.MapPost("/resume", (string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access) =>
            RunAsync(hallId, windowId, context, grains, access, w => w.ResumeAsync()));
        return halls;
    }

    // The body is optional: without one the window calls by its own queue priority.
    private static async Task<IResult> CallNextAsync(string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        var window = await AuthorizeAsync(hallId, windowId, context, grains, access);
        var queueId = HallInputs.OptionalId((await HallJson.ReadOptionalAsync<CallNextRequest>(context))?.QueueId, "queueId");
        return HallJson.Ok(await window.CallNextAsync(queueId));
    }

    private static async Task<IResult> RunAsync<T>(string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access, Func<IWindowGrain, Task<T>> action)
    {
        var window = await AuthorizeAsync(hallId, windowId, context, grains, access);
        return HallJson.Ok(await action(window));
    }

    private static async Task<IWindowGrain> AuthorizeAsync(string hallId, string windowId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        await HallEndpoints.RequireStaffAsync(hallId, context, access);
        var key = new WindowKey(hallId, HallInputs.Id(windowId, "windowId"));
        return grains.GetGrain<IWindowGrain>(key.ToString());
    }
}
