using Microsoft.Extensions.Logging;

namespace Im.Domain.Push;

/// <summary>
/// The sender when no provider is configured: sends nothing and says so once in the log,
/// so a missing <c>Push:Fcm</c> section is visible rather than silent.
/// </summary>
public sealed partial class DisabledPushSender : IPushSender
{
    public DisabledPushSender(ILogger<DisabledPushSender> logger) => LogDisabled(logger);

    public Task<IReadOnlyList<PushOutcome>> SendAsync(IReadOnlyList<PushDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return Task.FromResult<IReadOnlyList<PushOutcome>>([.. deliveries.Select(_ => PushOutcome.Disabled)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mobile push is off (Push:Fcm:Enabled is false): no device will be pushed")]
    private static partial void LogDisabled(ILogger logger);
}
