using System.Text.Json;
using CertyoOdoo.Odoo.XmlRpc;

namespace CertyoOdoo.Odoo.Errors;

/// <summary>
/// Turns the three protocols' error shapes (XML-RPC faults, JSON-RPC <c>error</c> objects, JSON-2
/// HTTP status + body) into one <see cref="OdooException"/> hierarchy, as observed in the recordings.
/// </summary>
public static class OdooErrorMapper
{
    /// <summary>Maps an XML-RPC fault: 3 access denied, 4 access error, 2 warning class, 1 traceback.</summary>
    public static OdooException FromFault(XmlRpcFault fault, string? model = null, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var message = fault.Message;
        OdooException ex = fault.Code switch
        {
            3 => new OdooAccessDeniedException(LastLine(message)),
            4 => new OdooAccessErrorException(message.Trim()),
            2 => FromWarning(message.Trim()),
            _ => FromTraceback(message),
        };
        return Annotate(ex, model, method, remoteType: null, faultCode: fault.Code, httpStatus: null);
    }

    /// <summary>Maps a JSON-RPC <c>error</c> member (<c>{code, message, data: {name, message, ...}}</c>).</summary>
    public static OdooException FromJsonRpcError(JsonElement error, string? model = null, string? method = null)
    {
        string? name = null;
        string? message = null;
        if (error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            name = StringOf(data, "name");
            message = StringOf(data, "message");
        }

        message ??= StringOf(error, "message") ?? "Odoo Server Error";
        return Annotate(FromRemote(name, message, status: null), model, method, name, faultCode: null, httpStatus: null);
    }

    /// <summary>Maps a JSON-2 error: the HTTP status and the body (JSON <c>{name, message, ...}</c> or HTML).</summary>
    public static OdooException FromJson2(int status, string? body, string? model = null, string? method = null)
    {
        string? name = null;
        string? message = null;
        if (body is not null && body.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    name = StringOf(doc.RootElement, "name");
                    message = StringOf(doc.RootElement, "message");
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall back to the status.
            }
        }

        OdooException ex;
        if (name is null)
        {
            // Proxies and Odoo's own HTML pages (e.g. unknown database): judge by status only.
            ex = status switch
            {
                401 => new OdooAccessDeniedException("Odoo refused the API key (HTTP 401)."),
                403 => new OdooAccessErrorException("Odoo refused the call (HTTP 403)."),
                404 => new OdooTransportException($"Odoo answered HTTP 404 for {model}.{method} (unknown database, or JSON-2 not served).", isTransient: false),
                _ => StatusFailure(status),
            };
        }
        else
        {
            ex = status switch
            {
                401 => new OdooAccessDeniedException(message ?? "Invalid apikey"),
                404 when name.Contains("NotFound", StringComparison.Ordinal) && (message ?? "").Contains("model", StringComparison.Ordinal) && !(message ?? "").Contains("method", StringComparison.Ordinal)
                    => new OdooUnknownModelException(message!),
                404 when name.Contains("NotFound", StringComparison.Ordinal) => new OdooUnknownMethodException(message ?? "Not found"),
                422 when name.Contains("UnprocessableEntity", StringComparison.Ordinal) => new OdooWrongValueException(message ?? "Unprocessable entity"),
                400 or 415 => new OdooWrongValueException(message ?? $"HTTP {status}"),
                502 or 503 or 504 => StatusFailure(status),
                _ => FromRemote(name, message ?? $"HTTP {status}", status),
            };
        }

        return Annotate(ex, model, method, name, faultCode: null, httpStatus: status);
    }

    /// <summary>A non-success HTTP status without an Odoo error body; 429, 502, 503 and 504 are transient.</summary>
    public static OdooTransportException StatusFailure(int status) =>
        new($"Odoo answered HTTP {status}.", isTransient: status is 429 or 502 or 503 or 504) { HttpStatus = status };

    // Shared by JSON-RPC and JSON-2: the Python exception class name decides.
    private static OdooException FromRemote(string? name, string message, int? status)
    {
        var cls = name is null ? "" : name[(name.LastIndexOf('.') + 1)..];
        return cls switch
        {
            "AccessDenied" => new OdooAccessDeniedException(message),
            "AccessError" => new OdooAccessErrorException(message),
            "MissingError" => new OdooMissingRecordException(message),
            "UserError" or "ValidationError" or "RedirectWarning" or "Warning" when IsUnknownModel(message) => new OdooUnknownModelException(message),
            "UserError" or "ValidationError" or "RedirectWarning" or "Warning" => new OdooUserErrorException(message),
            "ValueError" => FromValueError(message),
            "KeyError" when status is null => new OdooUnknownFieldException(message),
            "TypeError" => new OdooWrongValueException(message),
            "AttributeError" => new OdooUnknownMethodException(message),
            "SerializationFailure" or "TransactionRollbackError" or "ConcurrencyError" => new OdooConcurrencyException(message),
            "Unauthorized" => new OdooAccessDeniedException(message),
            "Forbidden" => new OdooAccessErrorException(message),
            _ when IsSerializationFailure(message) => new OdooConcurrencyException(message),
            _ => new OdooServerException(string.IsNullOrEmpty(name) ? message : $"{name}: {message}"),
        };
    }

    private static OdooException FromWarning(string message)
    {
        if (IsUnknownModel(message))
        {
            return new OdooUnknownModelException(message);
        }

        if (message.StartsWith("Record does not exist or has been deleted", StringComparison.Ordinal))
        {
            return new OdooMissingRecordException(message);
        }

        if (message.Contains("not allowed to", StringComparison.Ordinal) || message.StartsWith("You do not have", StringComparison.Ordinal))
        {
            return new OdooAccessErrorException(message);
        }

        return new OdooUserErrorException(message);
    }

    // Fault 1 carries a traceback; the last line is "module.Class: message".
    private static OdooException FromTraceback(string traceback)
    {
        var last = LastLine(traceback);
        if (IsSerializationFailure(traceback))
        {
            return new OdooConcurrencyException(last);
        }

        var colon = last.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || last[..colon].Contains(' ', StringComparison.Ordinal))
        {
            return new OdooServerException(last);
        }

        return FromRemote(last[..colon], last[(colon + 2)..], status: null);
    }

    private static OdooException FromValueError(string message)
    {
        if (message.StartsWith("Invalid field", StringComparison.Ordinal) || message.Contains("Unknown field", StringComparison.Ordinal))
        {
            return new OdooUnknownFieldException(message);
        }

        return new OdooWrongValueException(message);
    }

    private static bool IsUnknownModel(string message) =>
        message.StartsWith("Object ", StringComparison.Ordinal) && message.EndsWith(" doesn't exist", StringComparison.Ordinal);

    private static bool IsSerializationFailure(string message) =>
        message.Contains("could not serialize access", StringComparison.Ordinal);

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? text : lines[^1];
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static OdooException Annotate(OdooException ex, string? model, string? method, string? remoteType, int? faultCode, int? httpStatus)
    {
        ex.Model ??= model;
        ex.Method ??= method;
        ex.RemoteType ??= remoteType;
        ex.FaultCode ??= faultCode;
        ex.HttpStatus ??= httpStatus;
        return ex;
    }
}
