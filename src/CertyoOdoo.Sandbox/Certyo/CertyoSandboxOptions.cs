using System.ComponentModel.DataAnnotations;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Settings of the Certyo sandbox, section "Sandbox" (e.g. --Sandbox:BatchWindow=00:00:02).</summary>
public sealed class CertyoSandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Keys accepted in X-API-Key; "sandbox-key" when none is configured.</summary>
    public IList<string> ApiKeys { get; set; } = [];

    /// <summary>A batch seals when this much time has passed since its first record.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A batch seals when it holds this many records.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>A sealed batch counts as anchored this long after sealing.</summary>
    public TimeSpan AnchorDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>SQLite file; ":memory:" keeps everything in memory (tests).</summary>
    [Required]
    public string DatabasePath { get; set; } = "certyo-sandbox.db";

    /// <summary>How long an idempotency key is remembered.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    public CertyoSandboxFaultOptions Faults { get; set; } = new();
}

/// <summary>Fault injection on the /api/v1 endpoints, for tests and demos.</summary>
public sealed class CertyoSandboxFaultOptions
{
    /// <summary>Share of calls answered 503 before anything is stored.</summary>
    [Range(0.0, 1.0)]
    public double ErrorRate { get; set; }

    /// <summary>Share of calls answered 429 with Retry-After.</summary>
    [Range(0.0, 1.0)]
    public double RateLimitRate { get; set; }

    /// <summary>Retry-After (seconds) sent with an injected 429.</summary>
    [Range(0, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Added to every call.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Share of ingest calls whose records are stored and whose connection is then dropped unanswered.</summary>
    [Range(0.0, 1.0)]
    public double DropAfterAcceptRate { get; set; }

    /// <summary>Seed of the fault dice, for reproducible runs; random when unset.</summary>
    public int? Seed { get; set; }
}
