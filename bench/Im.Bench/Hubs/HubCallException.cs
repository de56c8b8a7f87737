namespace Im.Bench.Hubs;

/// <summary>The server refused a hub call or the handshake; the message is the server's error text.</summary>
public sealed class HubCallException : Exception
{
    public HubCallException()
    {
    }

    public HubCallException(string message) : base(message)
    {
    }

    public HubCallException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
