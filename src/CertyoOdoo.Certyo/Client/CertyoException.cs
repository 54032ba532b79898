namespace CertyoOdoo.Certyo.Client;

/// <summary>
/// A Certyo call that failed for good (not retryable, or retries exhausted). Never carries the API key.
/// </summary>
public class CertyoException : Exception
{
    public CertyoException() { }
    public CertyoException(string message) : base(message) { }
    public CertyoException(string message, Exception? inner) : base(message, inner) { }

    /// <summary>HTTP status, when Certyo answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>True when the failure was transient and the caller may try again later.</summary>
    public bool IsTransient { get; init; }

    /// <summary>The record(s) concerned: recordId by index in the request, when known.</summary>
    public IReadOnlyDictionary<int, string> FailedRecords { get; init; } = new Dictionary<int, string>();
}
