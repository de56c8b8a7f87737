namespace Im.Edge.Hall;

/// <summary>Optional body of <c>call-next</c>: call from this queue only (it must be one the window serves).</summary>
public sealed record CallNextRequest(string? QueueId);
