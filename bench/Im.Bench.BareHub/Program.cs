using Im.Bench.BareHub;

// The floor the chat and hall scenarios measure Im against: SignalR with nothing of Im's on
// top (no authentication, no actors), plus one durable SQLite row where the scenario
// needs a durable write; started by the bench as a child process.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();
builder.Services.AddSingleton(_ => new DurableFloor(builder.Configuration["Bench:DataDirectory"] ?? Path.Combine(Path.GetTempPath(), $"im-bench-floor-{Environment.ProcessId}")));

var app = builder.Build();

app.MapHub<FloorHub>(FloorHub.Path);
app.MapBenchDiagnostics();
app.MapHallFloor();

app.Run();
