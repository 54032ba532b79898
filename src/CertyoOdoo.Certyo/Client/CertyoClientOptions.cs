using System.ComponentModel.DataAnnotations;

namespace CertyoOdoo.Certyo.Client;

/// <summary>How to reach Certyo and how hard to retry.</summary>
public sealed class CertyoClientOptions
{
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as X-API-Key. Never logged.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>Attempts per call, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Base delay of the exponential backoff (full jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on one backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Total time budget of one call, retries included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Records per bulk call (Certyo accepts at most 1,000).</summary>
    [Range(1, 1000)]
    public int BulkChunkSize { get; set; } = 1000;
}
