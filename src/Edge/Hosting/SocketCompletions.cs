namespace Im.Edge.Hosting;

/// <summary>
/// Has the runtime finish socket operations on its epoll threads instead of handing each
/// completion to the thread pool (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>).
/// </summary>
/// <remarks>
/// <para>Why: a 1:1 send is a received frame and two socket sends, each completion a
/// thread-pool work item by default, and on a small VM every extra hand-off is a wake-up and
/// a context switch. Inline, Im's server spent 3–5 % less CPU per send in alternating
/// runs of the bench's <c>direct</c> scenario (bench/README.md, "Session 20").</para>
/// <para>Why it is safe here: what runs inline is the code that continues the socket
/// operation up to its next hand-off. Kestrel's receive and send loops only move bytes
/// between the socket and its pipes, whose readers (the hubs) still run on the pool; grain
/// code never runs there, since every await in a grain resumes on its activation's
/// scheduler. Outside grains, code awaiting an outgoing connection (the FCM sender's HTTP
/// calls, Npgsql's reads in the PostgreSQL profile) resumes there up to its next await,
/// which is short work in Im. Nothing in Im blocks on a socket synchronously, which would
/// stall an epoll thread, and stopping awaits the direct hub connections' close
/// (<c>HubSocketHeartbeat.StoppingAsync</c>) without holding a thread. The edge's test process
/// keeps the runtime's default (its <c>TestProcessSockets</c> says why). Kestrel's own inline
/// scheduling (<c>UnsafePreferInlineScheduling</c>) is a different switch and stays off: it
/// ran the hubs on the epoll threads and sent each write at once, so a send's ack and its own
/// copy no longer shared a socket write.</para>
/// <para>The runtime reads the variable when the first socket is made, so this must run
/// before anything opens one. An operator who sets the variable (to <c>0</c>, say) keeps
/// what they set.</para>
/// </remarks>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on unless the environment already says.</summary>
    public static void InlineUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
