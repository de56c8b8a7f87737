namespace Im.Testing.SignalR;

/// <summary>
/// The server answered an invocation with an error. SignalR prefixes a HubException's
/// message with "An unexpected error occurred invoking 'x' on the server. HubException: ";
/// the server's own message, which starts with the stable code, follows that prefix.
/// </summary>
public sealed class HubInvocationException(string message) : Exception(message)
{
    private const string Marker = "HubException: ";

    /// <summary>The server's message: <c>not_member: ...</c>.</summary>
    public string Reason => Message.Contains(Marker, StringComparison.Ordinal) ? Message[(Message.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..] : Message;

    /// <summary>The stable code before the first colon (<c>not_member</c>).</summary>
    public string Code => Reason.Split(':', 2)[0];
}
