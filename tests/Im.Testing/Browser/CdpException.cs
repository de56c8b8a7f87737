namespace Im.Testing.Browser;

/// <summary>The browser answered a DevTools command with an error, or a page script threw.</summary>
public sealed class CdpException(string message) : Exception(message);
