namespace Im.Domain.Push;

/// <summary>
/// Which device tokens are bound to a live connection; push never goes to those.
/// </summary>
/// <remarks>
/// A token is bound while a connection on which the member registered it is open (the edge
/// binds it on <c>registerDevice</c> and unbinds it on disconnect). Answers are a snapshot:
/// a device that connects while a push is under way may still receive it. Thread-safe.
/// </remarks>
public interface IDevicePresence
{
    bool IsLive(string memberId, string token);
}
