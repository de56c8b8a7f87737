using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Im.Domain.Push;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Im.Silo.Push;

/// <summary>
/// Sends pushes through FCM HTTP v1 (<c>POST /v1/projects/{id}/messages:send</c>), one
/// request per device (v1 has no multicast; a batch is sent concurrently over pooled HTTP
/// connections, at most <see cref="FcmOptions.MaxConcurrency"/> in flight).
/// </summary>
/// <remarks>
/// Outcomes: 2xx is <see cref="PushOutcome.Sent"/>; an error whose details carry the FCM
/// error code <c>UNREGISTERED</c> is <see cref="PushOutcome.Unregistered"/>; 429, 5xx and
/// network failures are retried up to <see cref="FcmOptions.MaxRetries"/> times with
/// exponential backoff and jitter, waiting at least what <c>Retry-After</c> asks; anything
/// else is logged and <see cref="PushOutcome.Failed"/>.
/// </remarks>
public sealed partial class FcmPushSender : IPushSender, IDisposable
{
    private readonly FcmOptions _options;
    private readonly FcmAccessTokens _tokens;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _inFlight;
    private readonly TimeProvider _time;
    private readonly ILogger<FcmPushSender> _logger;
    private readonly Uri _sendUri;

    public FcmPushSender(IOptions<FcmOptions> options, TimeProvider time, ILogger<FcmPushSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _tokens = new FcmAccessTokens(_options);
        _sendUri = new Uri(_options.Endpoint, $"v1/projects/{Uri.EscapeDataString(_options.ProjectId!)}/messages:send");
        _inFlight = new SemaphoreSlim(_options.MaxConcurrency);

        // Pooled connections are renewed now and then so DNS changes of FCM are followed.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = _options.RequestTimeout,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    /// <summary>Fetches the first access token, so a bad service account fails start-up, not the first push.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => _tokens.GetAsync(cancellationToken);

    public async Task<IReadOnlyList<PushOutcome>> SendAsync(IReadOnlyList<PushDelivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return await Task.WhenAll(deliveries.Select(d => SendOneAsync(d, cancellationToken))).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _inFlight.Dispose();
    }

    private async Task<PushOutcome> SendOneAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (outcome, retryAfter) = await AttemptAsync(delivery, cancellationToken).ConfigureAwait(false);
            if (outcome is not null)
            {
                return outcome.Value;
            }

            if (attempt >= _options.MaxRetries)
            {
                LogGaveUp(_logger, delivery.MemberId, attempt + 1);
                return PushOutcome.Failed;
            }

            await Task.Delay(Backoff(attempt, retryAfter), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One request; a null outcome means "transient, try again" (with the server's Retry-After, if any).</summary>
    private async Task<(PushOutcome? Outcome, TimeSpan? RetryAfter)> AttemptAsync(PushDelivery delivery, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _sendUri) { Content = JsonContent.Create(Body(delivery), options: JsonSerializerOptions.Web) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _tokens.GetAsync(cancellationToken).ConfigureAwait(false));
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (PushOutcome.Sent, null);
            }

            var status = (int)response.StatusCode;
            if (status == 429 || status >= 500)
            {
                return (null, RetryAfterOf(response));
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            if (error?.Details?.Any(d => d.ErrorCode == "UNREGISTERED") == true)
            {
                return (PushOutcome.Unregistered, null);
            }

            LogRefused(_logger, status, error?.Status, error?.Message, delivery.MemberId);
            return (PushOutcome.Failed, null);
        }
        catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A network failure or the request timeout: FCM may or may not have taken it, and
            // a second delivery of a notice is better than none.
            LogTransient(_logger, error, delivery.MemberId);
            return (null, null);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attempt);
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        var wait = retryAfter is { } asked && asked > jittered ? asked : jittered;
        return wait < _options.MaxRetryDelay ? wait : _options.MaxRetryDelay;
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => null,
        };

    private static FcmSendRequest Body(PushDelivery delivery) =>
        new(new FcmMessage(
            delivery.Token,
            new FcmNotification(delivery.Content.Title, delivery.Content.Body),
            delivery.Content.Data,
            new FcmAndroidConfig("high"),
            new FcmApnsConfig(new Dictionary<string, string> { ["apns-priority"] = "10" })));

    private static async Task<FcmError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<FcmErrorResponse>(JsonSerializerOptions.Web, cancellationToken).ConfigureAwait(false))?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FCM refused a push to a device of {MemberId}: {StatusCode} {Status} {ErrorMessage}")]
    private static partial void LogRefused(ILogger logger, int statusCode, string? status, string? errorMessage, string memberId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FCM push to a device of {MemberId} failed after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string memberId, int attempts);

    [LoggerMessage(Level = LogLevel.Debug, Message = "FCM push to a device of {MemberId} failed transiently")]
    private static partial void LogTransient(ILogger logger, Exception error, string memberId);
}
