using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertyoOdoo.Web.Ledger;

/// <summary>Where a record stands. Stored and serialized in lower case.</summary>
[JsonConverter(typeof(LedgerStatusJsonConverter))]
internal enum LedgerStatus
{
    /// <summary>Known (notified or found by reconcile), not yet accepted by Certyo.</summary>
    Pending,

    /// <summary>Accepted by Certyo; waiting for the anchor.</summary>
    Ingested,

    /// <summary>Verified anchored (proof checked when Certyo gave one).</summary>
    Anchored,

    /// <summary>Failed for a reason that may pass; retried on the ledger's schedule.</summary>
    Failed,

    /// <summary>Needs a person: a permanent error, or never anchored in time.</summary>
    Dead,

    /// <summary>Never became done in Odoo within the grace period.</summary>
    Skipped,
}

internal sealed class LedgerStatusJsonConverter() : JsonStringEnumConverter<LedgerStatus>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

internal static class LedgerStatusText
{
    public static string ToText(this LedgerStatus status) => status switch
    {
        LedgerStatus.Pending => "pending",
        LedgerStatus.Ingested => "ingested",
        LedgerStatus.Anchored => "anchored",
        LedgerStatus.Failed => "failed",
        LedgerStatus.Dead => "dead",
        LedgerStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static LedgerStatus Parse(string text) => text switch
    {
        "pending" => LedgerStatus.Pending,
        "ingested" => LedgerStatus.Ingested,
        "anchored" => LedgerStatus.Anchored,
        "failed" => LedgerStatus.Failed,
        "dead" => LedgerStatus.Dead,
        "skipped" => LedgerStatus.Skipped,
        _ => throw new FormatException($"Unknown ledger status '{text}'."),
    };

    public static bool TryParse(string? text, out LedgerStatus status)
    {
        status = default;
        if (text is null)
        {
            return false;
        }

        try
        {
            status = Parse(text.Trim().ToLowerInvariant());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
