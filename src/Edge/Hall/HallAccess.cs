using System.Security.Claims;
using Im.Actors;
using Im.Domain.Errors;
using Im.Edge.Auth;
using Im.Hall.Halls;

namespace Im.Edge.Hall;

/// <summary>
/// Object-level rights in a hall: the hall grain's own lists of admins and staff, asked on
/// every request; platform admins (role <c>admin</c>) hold every right in every hall.
/// </summary>
public sealed class HallAccess(IGrainFactory grains)
{
    /// <summary>The caller's standing in the hall; <see cref="HallRole.None"/> for a hall that does not exist.</summary>
    public Task<HallRole> RoleOfAsync(ClaimsPrincipal user, string hallId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdmin() ? Task.FromResult(HallRole.Admin) : grains.GetGrain<IHallGrain>(hallId).GetRoleAsync(user.MemberId());
    }

    /// <summary>Refuses with <c>forbidden</c> unless the caller holds at least <paramref name="least"/> in the hall.</summary>
    public async Task RequireAsync(ClaimsPrincipal user, string hallId, HallRole least)
    {
        if (await RoleOfAsync(user, hallId).ConfigureAwait(false) < least)
        {
            throw new DomainException(ErrorCodes.Forbidden, $"this needs the hall {(least == HallRole.Admin ? "admin" : "staff")} role in hall '{hallId}'");
        }
    }
}
