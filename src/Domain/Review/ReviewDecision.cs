namespace Im.Domain.Review;

/// <summary>What review decided about a text; the audit log stores the lower-case name.</summary>
public enum ReviewDecision
{
    Allowed,
    Masked,
    Blocked,
}
