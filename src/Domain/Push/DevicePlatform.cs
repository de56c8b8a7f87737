namespace Im.Domain.Push;

/// <summary>Where a device token came from; all three are pushed through FCM.</summary>
public enum DevicePlatform
{
    Android,
    Ios,
    Web,
}
