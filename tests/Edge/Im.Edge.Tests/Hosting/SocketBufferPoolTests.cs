using Im.Edge.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Im.Edge.Tests.Hosting;

/// <summary>
/// Kestrel's sockets rent from the edge's trimmable pool, so the memory trim reaches their
/// buffers. The host is built as Program builds it (the test server of the other edge tests
/// registers Kestrel again after the app's services, which would hide the wiring).
/// </summary>
public sealed class SocketBufferPoolTests
{
    [Fact]
    public async Task KestrelsConnectionsRentFromTheTrimmablePool()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddTrimmableSocketBuffers();
        await using var app = builder.Build();
        app.MapGet("/", () => Results.Text(new string('x', 20_000)));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var pools = app.Services.GetRequiredService<TrimmableMemoryPoolFactory>();

        // Real requests over loopback: the connection reads and writes through rented blocks,
        // then closes and hands them back.
        using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
        {
            Assert.Equal(20_000, (await http.GetStringAsync("/", TestContext.Current.CancellationToken)).Length);
        }

        await WaitUntilAsync(() => pools.FreeBlocks > 0);
        Assert.True(pools.FreeBlocks > 0);
        Assert.Equal(0, pools.Trim());   // a handful of free blocks is under the floor a trim keeps
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 100 && !condition(); attempt++)
        {
            await Task.Delay(50);
        }
    }
}
