using System.Globalization;

namespace Im.Bench.Actors;

/// <summary>Key index to grain key, shared by both sides so they address the same rows.</summary>
public static class BenchKeys
{
    public static string Name(int index) => "k" + index.ToString(CultureInfo.InvariantCulture);
}
