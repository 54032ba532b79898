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

    /// <summary>Why each failed record was refused, by index in the request, when Certyo said so.</summary>
    public IReadOnlyDictionary<int, string> FailureReasons { get; init; } = new Dictionary<int, string>();

    /// <summary>
    /// For a bulk call: results of the chunks Certyo accepted before the failing one, in input order from index 0.
    /// Those records are stored; sending them again replays them.
    /// </summary>
    public IReadOnlyList<Contracts.IngestResult> CompletedResults { get; init; } = [];
}
