namespace Im.Edge.Auth;

/// <summary>Authorization policy names for <c>RequireAuthorization(...)</c>.</summary>
public static class ImPolicies
{
    /// <summary>An authenticated, active member with the <see cref="ImRoles.Admin"/> role.</summary>
    public const string Admin = "im:admin";
}
