namespace Im.Domain.Chat;

public sealed record ConversationMember(string MemberId, MemberRole Role);
