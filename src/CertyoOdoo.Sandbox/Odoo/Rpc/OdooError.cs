namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// An exception as Odoo would raise it: the Python type (as JSON-RPC's data.name spells it) and the
/// message. Each protocol turns it into its own shape (fault, error object, JSON-2 status and body).
/// </summary>
internal sealed class OdooError(string pythonType, string message) : Exception(message)
{
    public const string ValueErrorType = "builtins.ValueError";
    public const string TypeErrorType = "builtins.TypeError";
    public const string AttributeErrorType = "builtins.AttributeError";
    public const string UserErrorType = "odoo.exceptions.UserError";
    public const string AccessErrorType = "odoo.exceptions.AccessError";
    public const string AccessDeniedType = "odoo.exceptions.AccessDenied";
    public const string MissingErrorType = "odoo.exceptions.MissingError";
    public const string NotFoundType = "werkzeug.exceptions.NotFound";
    public const string UnauthorizedType = "werkzeug.exceptions.Unauthorized";
    public const string UnprocessableType = "werkzeug.exceptions.UnprocessableEntity";
    public const string BadRequestType = "werkzeug.exceptions.BadRequest";
    public const string SerializationFailureType = "psycopg2.errors.SerializationFailure";
    public const string OperationalErrorType = "psycopg2.OperationalError";

    public string PythonType { get; } = pythonType;

    /// <summary>The name in a traceback's last line: builtins go bare, the rest fully qualified.</summary>
    public string TracebackType => PythonType.StartsWith("builtins.", StringComparison.Ordinal) ? PythonType["builtins.".Length..] : PythonType;

    /// <summary>Odoo's "warning" class (XML-RPC faultCode 2: message only, no traceback).</summary>
    public bool IsWarning => PythonType is UserErrorType or AccessErrorType or MissingErrorType or "odoo.exceptions.ValidationError";

    public bool IsWerkzeug => PythonType.StartsWith("werkzeug.", StringComparison.Ordinal);

    /// <summary>HTTP status a werkzeug exception carries (also JSON-2's status for the others).</summary>
    public int HttpStatus => PythonType switch
    {
        NotFoundType or MissingErrorType => 404,
        UnauthorizedType or AccessDeniedType => 401,
        UnprocessableType or UserErrorType or "odoo.exceptions.ValidationError" => 422,
        BadRequestType => 400,
        AccessErrorType => 403,
        _ => 500,
    };

    /// <summary>The traceback as the recordings cut it: first line, an ellipsis, the last line.</summary>
    public string Traceback
    {
        get
        {
            var text = IsWerkzeug ? $"{PythonType}: {HttpStatus} {ReasonPhrase}: {Message}" : $"{TracebackType}: {Message}";
            text = text.TrimEnd('\n');
            var last = text[(text.LastIndexOf('\n') + 1)..];
            return $"Traceback (most recent call last):\n  ...\n{last}\n";
        }
    }

    private string ReasonPhrase => HttpStatus switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        _ => "Internal Server Error",
    };

    public static OdooError Value(string message) => new(ValueErrorType, message);

    public static OdooError User(string message) => new(UserErrorType, message);

    public static OdooError AccessDenied() => new(AccessDeniedType, "Access Denied");

    public static OdooError Missing(string model, IEnumerable<int> ids, int uid) =>
        new(MissingErrorType, $"Record does not exist or has been deleted.\n(Record: {model}({string.Join("", ids.Select(i => $"{i},"))}), User: {uid})");

    public static OdooError UnknownModel(string model) => new(UserErrorType, $"Object {model} doesn't exist");
}
