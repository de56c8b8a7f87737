namespace Im.Actors.Runtime;

/// <summary>
/// Starts work without the current execution context, so ambient data of one call (its
/// call chain) never leaks into work that outlives it: a mailbox pump, a timer.
/// </summary>
internal static class WithoutFlow
{
    public static T Run<T>(Func<T> start)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return start();
        }

        using (ExecutionContext.SuppressFlow())
        {
            return start();
        }
    }
}
