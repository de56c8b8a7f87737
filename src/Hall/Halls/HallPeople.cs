namespace Im.Hall.Halls;

/// <summary>
/// Who works the hall: admins configure it and register screens, staff operate windows and
/// issue tickets for others, supervisors get its alerts (paused windows, unsatisfied ratings).
/// Platform admins (role <c>admin</c>) hold every right without being listed.
/// </summary>
public sealed record HallPeople(
    IReadOnlyList<string> Admins,
    IReadOnlyList<string> Staff,
    IReadOnlyList<string> Supervisors);
