namespace Im.Edge.Hall;

/// <summary>Malformed hall request input, answered as 400 <c>invalid</c> with the fields and why; thrown before anything changes.</summary>
public sealed class HallInputException(IReadOnlyDictionary<string, string[]> errors)
    : Exception($"invalid: {string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}")
{
    public HallInputException(string field, string problem)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
