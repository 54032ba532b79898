using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Odoo;

internal static partial class OdooLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug, Message = "Odoo {Protocol} {Model}.{Method} answered in {ElapsedMs:0.0} ms")]
    public static partial void CallCompleted(ILogger logger, OdooProtocol protocol, string model, string method, double elapsedMs);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Odoo {Protocol} {Model}.{Method} failed after {ElapsedMs:0.0} ms ({ErrorType}, transient: {IsTransient}): {Error}")]
    public static partial void CallFailed(ILogger logger, OdooProtocol protocol, string model, string method, double elapsedMs, string errorType, bool isTransient, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Odoo at {Url} runs {ServerVersion} (major {Major}); speaking {Protocol}")]
    public static partial void ProtocolSelected(ILogger logger, Uri? url, string serverVersion, int major, OdooProtocol protocol);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Debug, Message = "Authenticated on Odoo database {Database} as uid {Uid}")]
    public static partial void Authenticated(ILogger logger, string database, int uid);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Debug, Message = "Odoo model {Model} is not installed")]
    public static partial void ModelAbsent(ILogger logger, string model);
}
