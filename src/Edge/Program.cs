using Im.Domain.Members;
using Im.Hall.Halls;
using Im.Edge.Hosting;
using Im.Silo.Hosting;

// Before any socket exists: the runtime reads this once (see SocketCompletions).
SocketCompletions.InlineUnlessConfigured();

var builder = WebApplication.CreateBuilder(args);

// This process is silo and edge at once: the embedded, one-machine shape.
builder.AddImSilo(typeof(MemberGrain).Assembly, typeof(HallGrain).Assembly);
builder.AddImEdge();

var app = builder.Build();

app.MapImEdge();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
