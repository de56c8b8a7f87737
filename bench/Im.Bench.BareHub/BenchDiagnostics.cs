namespace Im.Bench.BareHub;

/// <summary>
/// What the bench asks of this process besides the hub: that it is up, and a forced,
/// compacting collection so the memory scenario reads live memory rather than the
/// collector's leftovers. Im has no such endpoint, which the report says.
/// </summary>
public static class BenchDiagnostics
{
    public static WebApplication MapBenchDiagnostics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", () => "healthy");
        app.MapPost("/diag/gc", () =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return new GcFigures(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes);
        });
        return app;
    }
}
