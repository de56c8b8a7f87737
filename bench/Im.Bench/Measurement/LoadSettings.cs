namespace Im.Bench.Measurement;

/// <summary>The shape of one measured run: workers, keys they pick from, and how long.</summary>
/// <param name="Concurrency">Workers, each with one call in flight at a time.</param>
/// <param name="Keys">Keys the workers pick from; 1 puts every worker on the same key.</param>
/// <param name="Warmup">Load before measuring, so JIT, pools and activations settle.</param>
/// <param name="Duration">Measured time of this run.</param>
/// <param name="Choice">How a worker picks its keys.</param>
/// <param name="CallsPerSecond">
/// Null: a closed loop, each worker calling again as soon as answered. Otherwise paced: the
/// workers together start this many calls a second, each on a schedule of its own.
/// </param>
public sealed record LoadSettings(int Concurrency, int Keys, TimeSpan Warmup, TimeSpan Duration, KeyChoice Choice = KeyChoice.Uniform, double? CallsPerSecond = null);
