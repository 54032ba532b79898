namespace CertyoOdoo.Odoo.Errors;

/// <summary>
/// Any failure of an Odoo call. Subclasses say what went wrong; <see cref="IsTransient"/> says
/// whether repeating the unit of work later may succeed. Messages never carry credentials.
/// </summary>
public class OdooException : Exception
{
    public OdooException()
    {
    }

    public OdooException(string message)
        : base(message)
    {
    }

    public OdooException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True for failures worth retrying later (network, timeouts, 502/503/504, serialization conflicts).</summary>
    public virtual bool IsTransient => false;

    /// <summary>The server's exception class, e.g. <c>builtins.ValueError</c> or <c>odoo.exceptions.AccessDenied</c>, when known.</summary>
    public string? RemoteType { get; internal set; }

    /// <summary>The XML-RPC fault code, when the error came as a fault.</summary>
    public int? FaultCode { get; internal set; }

    /// <summary>The HTTP status, when it was not 200.</summary>
    public int? HttpStatus { get; internal set; }

    /// <summary>The model of the failed call, when it was a model call.</summary>
    public string? Model { get; internal set; }

    /// <summary>The method of the failed call.</summary>
    public string? Method { get; internal set; }
}

/// <summary>Bad login or API key (XML-RPC fault 3, JSON-RPC <c>AccessDenied</c>, JSON-2 401, or authenticate answering false).</summary>
public sealed class OdooAccessDeniedException(string message) : OdooException(message);

/// <summary>The user lacks rights on the model or record (<c>odoo.exceptions.AccessError</c>, JSON-2 403).</summary>
public sealed class OdooAccessErrorException(string message) : OdooException(message);

/// <summary>A record does not exist or was deleted (<c>odoo.exceptions.MissingError</c>).</summary>
public sealed class OdooMissingRecordException(string message) : OdooException(message);

/// <summary>A business rule refused the call (<c>UserError</c>, <c>ValidationError</c>, JSON-2 422).</summary>
public sealed class OdooUserErrorException(string message) : OdooException(message);

/// <summary>The model is not installed ("Object x doesn't exist", JSON-2 404).</summary>
public sealed class OdooUnknownModelException(string message) : OdooException(message);

/// <summary>A field named in fields, a domain or values does not exist on the model.</summary>
public sealed class OdooUnknownFieldException(string message) : OdooException(message);

/// <summary>The model has no such (public) method (<c>AttributeError</c>, JSON-2 404).</summary>
public sealed class OdooUnknownMethodException(string message) : OdooException(message);

/// <summary>A value was refused (<c>ValueError</c>: wrong selection key, bad datetime format, ...) or the arguments did not fit (<c>TypeError</c>).</summary>
public sealed class OdooWrongValueException(string message) : OdooException(message);

/// <summary>Another server-side exception.</summary>
public sealed class OdooServerException(string message) : OdooException(message);

/// <summary>PostgreSQL refused the transaction because of a concurrent update ("could not serialize access"): retry later.</summary>
public sealed class OdooConcurrencyException(string message) : OdooException(message)
{
    public override bool IsTransient => true;
}

/// <summary><c>load</c> answered error messages: no record of the batch was written.</summary>
public sealed class OdooLoadException(string message, IReadOnlyList<string> errors) : OdooException(message)
{
    /// <summary>The error messages Odoo returned, one per failing row or field.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>The call did not get an Odoo answer: connection refused or reset, timeout, proxy error, unreadable body.</summary>
public sealed class OdooTransportException(string message, bool isTransient, Exception? innerException = null)
    : OdooException(message, innerException)
{
    public override bool IsTransient { get; } = isTransient;
}
