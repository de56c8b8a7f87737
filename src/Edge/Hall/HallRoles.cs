namespace Im.Edge.Hall;

/// <summary>Platform roles of the hall module (in the token's <c>role</c> claims); rights inside one hall come from the hall's own lists.</summary>
public static class HallRoles
{
    /// <summary>May create halls (and becomes the first admin of each one created). <c>admin</c> includes it.</summary>
    public const string HallAdmin = "hall_admin";
}
