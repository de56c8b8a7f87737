using Im.Actors;
using Im.Domain.Errors;
using Im.Edge.Auth;
using Im.Hall.Halls;

namespace Im.Edge.Hall;

/// <summary>
/// Hall REST, configuration: create a hall, read it, set its people, queues and windows.
/// Every route is under <c>/api/halls</c> with the hall's body limit and problem mapping.
/// </summary>
internal static class HallEndpoints
{
    public static RouteGroupBuilder MapImHallConfiguration(this RouteGroupBuilder halls)
    {
        halls.MapPost("/", CreateAsync);
        halls.MapGet("/{hallId}", GetAsync);
        halls.MapPut("/{hallId}/people", SetPeopleAsync);
        halls.MapPost("/{hallId}/queues", PutQueueAsync);
        halls.MapPost("/{hallId}/windows", PutWindowAsync);
        return halls;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        if (!context.User.HasRole(HallRoles.HallAdmin))
        {
            throw new DomainException(ErrorCodes.Forbidden, $"creating a hall needs the role '{HallRoles.HallAdmin}'");
        }

        var request = await HallJson.ReadAsync<CreateHallRequest>(context);
        var hallId = HallInputs.Id(request.HallId, "hallId");
        var hall = await grains.GetGrain<IHallGrain>(hallId).CreateAsync(context.User.MemberId(), new HallSetup(request.Name!, request.TimeZone));
        return HallJson.Created($"/api/halls/{hallId}", hall);
    }

    // Members read a hall to choose a queue; who works there is for its staff only.
    private static async Task<IResult> GetAsync(string hallId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        HallInputs.Id(hallId, "hallId");
        var hall = await grains.GetGrain<IHallGrain>(hallId).GetAsync();
        return await access.RoleOfAsync(context.User, hallId) >= HallRole.Staff
            ? HallJson.Ok(hall)
            : HallJson.Ok(hall with { People = new HallPeople([], [], []) });
    }

    private static async Task<IResult> SetPeopleAsync(string hallId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        await RequireAdminAsync(hallId, context, access);
        var people = await HallJson.ReadAsync<HallPeople>(context);
        return HallJson.Ok(await grains.GetGrain<IHallGrain>(hallId).SetPeopleAsync(people));
    }

    private static async Task<IResult> PutQueueAsync(string hallId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        await RequireAdminAsync(hallId, context, access);
        var queue = await HallJson.ReadAsync<QueueSetup>(context);
        HallInputs.Id(queue.QueueId, "queueId");
        return HallJson.Ok(await grains.GetGrain<IHallGrain>(hallId).PutQueueAsync(queue));
    }

    private static async Task<IResult> PutWindowAsync(string hallId, HttpContext context, IGrainFactory grains, HallAccess access)
    {
        await RequireAdminAsync(hallId, context, access);
        var window = await HallJson.ReadAsync<WindowSetup>(context);
        HallInputs.Id(window.WindowId, "windowId");
        if (window.QueueIds is null)
        {
            throw new HallInputException("queueIds", "required: the queues the window serves, in priority order");
        }

        return HallJson.Ok(await grains.GetGrain<IHallGrain>(hallId).PutWindowAsync(window));
    }

    /// <summary>The path's hall id checked, and the caller an admin of that hall.</summary>
    public static Task RequireAdminAsync(string hallId, HttpContext context, HallAccess access) =>
        access.RequireAsync(context.User, HallInputs.Id(hallId, "hallId"), HallRole.Admin);

    /// <summary>The path's hall id checked, and the caller staff (or admin) of that hall.</summary>
    public static Task RequireStaffAsync(string hallId, HttpContext context, HallAccess access) =>
        access.RequireAsync(context.User, HallInputs.Id(hallId, "hallId"), HallRole.Staff);
}
