namespace Luoshi.Core.Common;

/// <summary>Why a use case refused: expected failures are values, not exceptions (mapped to a page message or ProblemDetails in one place).</summary>
public enum FailureKind
{
    /// <summary>The input is not acceptable (wrong type, too big, not a notice).</summary>
    Invalid,

    /// <summary>The thing does not exist, or the caller may not see it (the two are not told apart).</summary>
    NotFound,

    /// <summary>The caller may see it but not do this.</summary>
    Forbidden,

    /// <summary>Someone else changed it since the caller read it.</summary>
    Conflict,

    /// <summary>The state does not allow this step.</summary>
    NotAllowed,

    /// <summary>An outside service (mail server, messenger webhook) could not be reached or refused the request.</summary>
    Unavailable,
}

/// <summary>A refusal with a clear Chinese message for the user.</summary>
public sealed record Failure(FailureKind Kind, string Message);

/// <summary>A value, or the reason there is none.</summary>
public readonly record struct Outcome<T>(T? Value, Failure? Failure)
{
    public bool Ok => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
