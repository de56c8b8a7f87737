namespace Im.Domain.Errors;

/// <summary>
/// A refusal with a stable code that clients switch on (see <see cref="ErrorCodes"/>). The
/// message starts with the code, as the hub contract requires (<c>not_member: ...</c>).
/// Thrown before anything changes: a refused call has no effect.
/// </summary>
public sealed class DomainException(string code, string detail) : Exception($"{code}: {detail}")
{
    public string Code { get; } = code;
}
