namespace Im.Hall.Tickets;

/// <summary>On the wire: <c>"very_satisfied"</c>, <c>"satisfied"</c>, <c>"unsatisfied"</c>. Unsatisfied alerts the supervisors at once.</summary>
public enum RatingScore
{
    VerySatisfied,
    Satisfied,
    Unsatisfied,
}
