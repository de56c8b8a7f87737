namespace Im.Hall.Halls;

/// <summary>A member's standing in one hall; a higher value includes the rights of the lower ones.</summary>
public enum HallRole
{
    None = 0,
    Staff = 1,
    Admin = 2,
}
