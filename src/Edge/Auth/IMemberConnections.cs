namespace Im.Edge.Auth;

/// <summary>The live connections this edge node holds, as seen by whoever revokes a member's access.</summary>
public interface IMemberConnections
{
    /// <summary>
    /// Closes every live connection of <paramref name="memberId"/> on this node and makes the
    /// node refuse the member's next request or connection at once, without waiting for the
    /// access cache to expire. Call it after the change that revokes access is durable.
    /// Other edge nodes refuse the member within <see cref="AuthOptions.MemberStatusCacheDuration"/>.
    /// </summary>
    /// <param name="memberId">The member whose access was revoked.</param>
    /// <param name="reason">Why, for the log.</param>
    Task DisconnectAsync(string memberId, string reason);
}
