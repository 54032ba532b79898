namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>An XML-RPC fault: <c>faultCode</c> and <c>faultString</c> as the server sent them.</summary>
/// <param name="Code">Odoo uses 1 (any exception, with its traceback), 2 (warning class: user, access,
/// missing record, unknown model) and 3 (access denied).</param>
/// <param name="Message">The fault string; for code 1 a traceback cut to its first and last lines.</param>
public sealed record XmlRpcFault(int Code, string Message);
