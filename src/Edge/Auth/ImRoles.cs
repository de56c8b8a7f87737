namespace Im.Edge.Auth;

/// <summary>Roles the edge itself knows about; modules define their finer roles next to their endpoints.</summary>
public static class ImRoles
{
    /// <summary>Grants every administrative right, whatever finer role an action asks for.</summary>
    public const string Admin = "admin";
}
