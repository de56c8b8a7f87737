using System.Runtime.CompilerServices;
using Im.Edge.Hosting;

namespace Im.Edge.Tests.Hosting;

/// <summary>
/// This test process finishes socket operations the runtime's default way, on the thread
/// pool, although the edge it hosts asks for them inline (<see cref="SocketCompletions"/>).
/// </summary>
/// <remarks>
/// One process here holds dozens of servers and their clients, and tests stop hosts from
/// whatever thread their last await resumed on, an epoll thread included. Stopping blocks
/// while connections close (<c>HubSocketHeartbeat</c> waits for its direct hub connections,
/// as SignalR's own connection manager waits for its: the likeliest such wait), and with
/// inline completions a wait on an epoll thread holds up every socket of the process.
/// PostgreSQL connections of other tests then timed out after 15 s in about half of this
/// project's runs; with the default, none did in eight (session 21). A node's edge stops
/// from its shutdown signal, not from a socket's completion.
/// </remarks>
internal static class TestProcessSockets
{
    [ModuleInitializer]
    internal static void CompleteOnThePool() =>
        Environment.SetEnvironmentVariable(SocketCompletions.Variable, Environment.GetEnvironmentVariable(SocketCompletions.Variable) ?? "0");
}
