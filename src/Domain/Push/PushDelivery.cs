namespace Im.Domain.Push;

/// <summary>One push to one device token of a member.</summary>
public sealed record PushDelivery(string MemberId, string Token, PushContent Content);
