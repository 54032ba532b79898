using System.Diagnostics.Metrics;

namespace CertyoOdoo.Odoo;

/// <summary>
/// The <c>CertyoOdoo.Odoo</c> meter: <c>certyo.odoo.calls</c> (count) and <c>certyo.odoo.call.duration</c> (ms),
/// tagged with protocol, model, method and outcome (<c>ok</c> or the exception type).
/// </summary>
public static class OdooMetrics
{
    /// <summary>The meter name to subscribe to (OpenTelemetry <c>AddMeter</c>).</summary>
    public const string MeterName = "CertyoOdoo.Odoo";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>("certyo.odoo.calls", unit: "{call}", description: "Calls made to Odoo.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("certyo.odoo.call.duration", unit: "ms", description: "Duration of Odoo calls.");
}
