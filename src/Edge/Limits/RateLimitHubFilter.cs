using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Limits;

/// <summary>
/// Refuses limited hub methods (see <see cref="HubRateLimits"/>) with <c>rate_limited</c>
/// before they reach any grain, so a refused call has no effect and costs no grain turn.
/// </summary>
internal sealed class RateLimitHubFilter(HubRateLimits limits) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);

        // Without a member id the hub method refuses the call itself (unauthorized).
        if (HubRateLimits.ActionOf(invocationContext.HubMethodName) is { } action
            && invocationContext.Context.UserIdentifier is { } memberId)
        {
            limits.Acquire(action, memberId, invocationContext.Context.ConnectionId);
        }

        return next(invocationContext);
    }
}
