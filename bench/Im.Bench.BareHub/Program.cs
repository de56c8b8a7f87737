using Im.Bench.BareHub;

// The floor the chat scenarios measure Im against: SignalR with nothing of Im's on top
// (no authentication, no actors, no storage), started by the bench as a child process.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSignalR();

var app = builder.Build();

app.MapHub<FloorHub>(FloorHub.Path);
app.MapBenchDiagnostics();

app.Run();
