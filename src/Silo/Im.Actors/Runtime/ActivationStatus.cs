namespace Im.Actors.Runtime;

internal enum ActivationStatus
{
    Created,
    Active,
    Deactivating,
    Deactivated,
}
