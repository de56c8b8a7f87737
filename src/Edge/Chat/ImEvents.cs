namespace Im.Edge.Chat;

/// <summary>
/// Names of the server-to-client events of /hubs/im. Sent by name (not through a typed
/// client interface) so the wire names are exactly the contract's lower-camel ones.
/// </summary>
public static class ImEvents
{
    public const string Message = "message";

    public const string Notification = "notification";

    public const string MembershipChanged = "membershipChanged";

    public const string Typing = "typing";

    public const string Read = "read";

    public const string Presence = "presence";

    public const string MessageRecalled = "messageRecalled";

    public const string MessageEdited = "messageEdited";
}
