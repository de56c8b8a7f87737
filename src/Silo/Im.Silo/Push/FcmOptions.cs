namespace Im.Silo.Push;

/// <summary>Settings of the FCM HTTP v1 sender, section <c>Push:Fcm</c>.</summary>
public sealed class FcmOptions
{
    public const string SectionName = "Push:Fcm";

    /// <summary>Off by default: a host without a Firebase project sends nothing (and logs so once).</summary>
    public bool Enabled { get; set; }

    public string? ProjectId { get; set; }

    /// <summary>Path of the service account's JSON key; or the JSON itself in <see cref="ServiceAccountJson"/>.</summary>
    public string? ServiceAccountJsonPath { get; set; }

    public string? ServiceAccountJson { get; set; }

    /// <summary>Base URL of the FCM API; tests point it at a local server.</summary>
    public Uri Endpoint { get; set; } = new("https://fcm.googleapis.com");

    /// <summary>Requests in flight at once, across all batches.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Retries of a request that failed transiently (429, 5xx, network), after the first attempt.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubled on each retry (with jitter), unless FCM's Retry-After asks for longer.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>No single wait is longer, whatever Retry-After says: a push that late is worthless.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
