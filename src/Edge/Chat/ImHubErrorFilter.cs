using Im.Actors;
using Im.Domain.Errors;
using Microsoft.AspNetCore.SignalR;

namespace Im.Edge.Chat;

/// <summary>
/// Turns refusals into HubExceptions whose message starts with the stable code, and hides
/// everything else behind <c>error:</c> (the details go to the log, not to the client).
/// </summary>
internal sealed partial class ImHubErrorFilter(ILogger<ImHubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (DomainException refusal)
        {
            throw new HubException(refusal.Message);
        }
        catch (GrainCallTimeoutException timeout)
        {
            throw new HubException($"timeout: {invocationContext.HubMethodName} took too long; retry with the same ids", timeout);
        }
        catch (Exception error) when (error is not HubException)
        {
            LogFailure(logger, error, invocationContext.HubMethodName);
            throw new HubException($"error: {invocationContext.HubMethodName} failed; retry with the same ids");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private static partial void LogFailure(ILogger logger, Exception error, string method);
}
