using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Im.Edge.Tests;

/// <summary>
/// The whole system in one process, as the README's run command starts it, over a given
/// storage configuration. Disposing it stops the host like a shutdown would.
/// </summary>
internal sealed class EdgeHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
