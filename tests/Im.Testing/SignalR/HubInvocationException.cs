namespace Im.Testing.SignalR;

/// <summary>The server answered an invocation with an error; the message starts with its code.</summary>
public sealed class HubInvocationException(string message) : Exception(message)
{
    /// <summary>The stable code before the first colon (<c>not_member</c>).</summary>
    public string Code => Message.Split(':', 2)[0];
}
