namespace Im.Actors.Runtime;

/// <summary>Ambient data of the turn that is running: set by the runtime, flows across awaits.</summary>
internal static class RequestContext
{
    private static readonly AsyncLocal<CallChain?> CurrentChain = new();

    public static CallChain? Chain
    {
        get => CurrentChain.Value;
        set => CurrentChain.Value = value;
    }
}
