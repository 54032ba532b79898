using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>What a call meets before Odoo runs it: counting, latency, and (ErrorRate) a transient failure.</summary>
internal enum TransientFailure
{
    None,
    BadGateway,
    ServiceUnavailable,
    SerializationFailure,
}

/// <summary>Applies Latency and ErrorRate to every RPC call and counts it; on 19 logs the deprecation of /xmlrpc and /jsonrpc.</summary>
internal sealed partial class CallGate(
    IOptions<OdooSimulatorOptions> options,
    SimulatorStats stats,
    SimulatorRandom random,
    TimeProvider time,
    ILogger<CallGate> logger)
{
    public async Task<TransientFailure> EnterAsync(string protocol, string model, string method, CancellationToken cancellationToken)
    {
        stats.Record(protocol, model, method);
        var settings = options.Value;
        if (settings.Version >= 19 && protocol != "json2")
        {
            LogDeprecated(logger, protocol, model, method);
        }

        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, time, cancellationToken);
        }

        if (settings.ErrorRate <= 0 || random.NextDouble() >= settings.ErrorRate)
        {
            return TransientFailure.None;
        }

        // A proxy in front of Odoo answers 502/503 pages; Odoo itself gives up on a serialization failure.
        return random.NextDouble() switch
        {
            < 0.4 => TransientFailure.BadGateway,
            < 0.7 => TransientFailure.ServiceUnavailable,
            _ => TransientFailure.SerializationFailure,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odoo simulator (19): {Protocol} is deprecated and will be removed in Odoo 22; use /json/2 ({Model}.{Method})")]
    private static partial void LogDeprecated(ILogger logger, string protocol, string model, string method);
}
