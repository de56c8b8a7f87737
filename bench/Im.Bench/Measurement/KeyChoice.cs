namespace Im.Bench.Measurement;

/// <summary>How a closed-loop worker picks the key of its next call.</summary>
public enum KeyChoice
{
    /// <summary>Uniformly at random over the keys, with a fixed seed per worker.</summary>
    Uniform,

    /// <summary>
    /// Worker <c>i</c> always calls key <c>i % keys</c>: one sender per pair or per connection,
    /// so a key never has two calls in flight when there are as many keys as workers.
    /// </summary>
    OnePerWorker,
}
