using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertyoOdoo.Web.Hosting;

/// <summary><c>Health</c>: how /health/ready probes the storage and each tenant's Odoo and Certyo.</summary>
internal sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Time budget of one probe of one peer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A result is reused this long, so frequent probes do not hammer Odoo.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What an unreachable tenant peer makes the service: Degraded (default; still ready, since
    /// notifications are durably recorded and retried) or Unhealthy (taken out of rotation).
    /// </summary>
    public HealthStatus TenantFailureStatus { get; set; } = HealthStatus.Degraded;
}
