using Im.Domain.Errors;
using Im.Edge.Auth;
using Im.Edge.Connections;
using Im.Hall.Halls;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Hall;

/// <summary>
/// The hall hub, <c>/hubs/hall</c>: screens (screen tokens, their own hall only) and hall
/// staff and admins (member tokens) subscribe to a hall's calls, window statuses and queue
/// counts. Each subscription answers a fresh snapshot; a reconnecting client subscribes again.
/// </summary>
public sealed class HallHub(
    HallEdge edge,
    HallSnapshots snapshots,
    HallAccess access,
    ScreenConnections screens,
    MemberConnectionRegistry members) : Hub<IHallClient>
{
    public override async Task OnConnectedAsync()
    {
        // Registered so that removing the screen, or disabling the member, closes this connection.
        var registered = ScreenPrincipal.Of(Context.User) is { } screen
            ? await screens.RegisterAsync(screen, Context.ConnectionId, Context.Abort)
            : await members.RegisterAsync(Context.User!.MemberId(), Context.ConnectionId, Context.Abort);
        if (registered)
        {
            await base.OnConnectedAsync();
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (ScreenPrincipal.Of(Context.User) is { } screen)
        {
            screens.Unregister(screen.ScreenId, Context.ConnectionId);
        }
        else
        {
            members.Unregister(Context.User!.MemberId(), Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Joins the hall's events, then answers the snapshot: nothing raised after it is missed.</summary>
    public async Task<HallSnapshot> Subscribe(string hallId)
    {
        var screen = await AuthorizeAsync(hallId);
        await edge.JoinAsync(Context.ConnectionId, hallId);
        return await snapshots.ComposeAsync(hallId, screen?.WindowId);
    }

    public async Task Unsubscribe(string hallId)
    {
        if (!HallInput.IsId(hallId))
        {
            throw new DomainException(ErrorCodes.Invalid, "hallId must be 1..64 characters of A-Z a-z 0-9 _ -");
        }

        await edge.LeaveAsync(Context.ConnectionId, hallId);
    }

    // A screen sees its own hall only; a member must be staff or admin of the hall.
    private async Task<ScreenPrincipal?> AuthorizeAsync(string hallId)
    {
        if (!HallInput.IsId(hallId))
        {
            throw new DomainException(ErrorCodes.Invalid, "hallId must be 1..64 characters of A-Z a-z 0-9 _ -");
        }

        if (ScreenPrincipal.Of(Context.User) is { } screen)
        {
            return screen.HallId == hallId
                ? screen
                : throw new DomainException(ErrorCodes.Forbidden, $"this screen belongs to another hall than '{hallId}'");
        }

        await access.RequireAsync(Context.User!, hallId, HallRole.Staff);
        return null;
    }
}
