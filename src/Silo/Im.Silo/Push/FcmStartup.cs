using Im.Domain.Push;
using Microsoft.Extensions.Hosting;

namespace Im.Silo.Push;

/// <summary>
/// Builds the push sender at start: an enabled FCM sender fetches its first token (a bad
/// service account stops start-up with the reason), a disabled one logs that push is off.
/// </summary>
internal sealed class FcmStartup(IPushSender sender) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        sender is FcmPushSender fcm ? fcm.WarmUpAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
