using System.Runtime.CompilerServices;
using Im.Edge.Hosting;

namespace Im.Edge.Tests.Hosting;

/// <summary>
/// This test process finishes socket operations the runtime's default way, on the thread
/// pool, although the edge it hosts asks for them inline (<see cref="SocketCompletions"/>).
/// </summary>
/// <remarks>
/// One process here holds dozens of servers and their clients, and with inline completions
/// test code resumes on an epoll thread after its own clients' awaits, then does synchronous
/// work there: SQLite calls (Microsoft.Data.Sqlite's async methods run synchronously, and a
/// busy file waits up to its busy timeout), opening files, starting and stopping hosts. Any
/// such wait holds up every socket of the process. PostgreSQL connections then timed out
/// after 15 s in about half of this project's runs (session 21), and still did in three of
/// five after the direct hub connections' close stopped blocking (session 22), so the wait is
/// elsewhere and was not pinned down; with the default, none did in eight. A node's code
/// does not run on its sockets' completions this way: hubs, requests and grains run on the
/// pool or their activations' schedulers.
/// </remarks>
internal static class TestProcessSockets
{
    [ModuleInitializer]
    internal static void CompleteOnThePool() =>
        Environment.SetEnvironmentVariable(SocketCompletions.Variable, Environment.GetEnvironmentVariable(SocketCompletions.Variable) ?? "0");
}
