using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>
/// Writes XML-RPC messages from JSON values, byte for byte as Python's <c>xmlrpc.client</c> does
/// (Odoo's server and the usual Odoo clients): header <c>&lt;?xml version='1.0'?&gt;</c>, one element
/// per line, escaping of <c>&amp; &lt; &gt;</c> only.
/// </summary>
/// <remarks>
/// JSON maps to XML-RPC as: string → <c>string</c>, true/false → <c>boolean</c>, null → <c>nil</c>,
/// object → <c>struct</c>, array → <c>array</c>, a number → <c>int</c> when its text is an integer,
/// else <c>double</c> (in Python's <c>repr</c> form). A double with an integral value must therefore keep
/// its fraction in the JSON text (<c>5.0</c>): write it with <see cref="FormatDouble"/> and
/// <see cref="Utf8JsonWriter.WriteRawValue(string, bool)"/>, or hold it as a <see cref="double"/> in a <see cref="JsonValue"/>.
/// </remarks>
public static partial class XmlRpcWriter
{
    private const int MaxDepth = 256;

    /// <summary>Writes a <c>methodCall</c>. <paramref name="parameters"/> must be a JSON array, one item per param.</summary>
    public static void WriteMethodCall(IBufferWriter<byte> output, string methodName, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(methodName);
        if (parameters.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException("The parameters must be a JSON array.", nameof(parameters));
        }

        Raw(output, "<?xml version='1.0'?>\n<methodCall>\n<methodName>"u8);
        Text(output, methodName);
        Raw(output, "</methodName>\n<params>\n"u8);
        foreach (var item in parameters.EnumerateArray())
        {
            Raw(output, "<param>\n"u8);
            WriteValue(output, item, 0);
            Raw(output, "</param>\n"u8);
        }

        Raw(output, "</params>\n</methodCall>\n"u8);
    }

    /// <summary>Writes a <c>methodCall</c> whose params are the given nodes.</summary>
    public static void WriteMethodCall(IBufferWriter<byte> output, string methodName, IEnumerable<JsonNode?> parameters)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(methodName);
        ArgumentNullException.ThrowIfNull(parameters);
        Raw(output, "<?xml version='1.0'?>\n<methodCall>\n<methodName>"u8);
        Text(output, methodName);
        Raw(output, "</methodName>\n<params>\n"u8);
        foreach (var item in parameters)
        {
            Raw(output, "<param>\n"u8);
            WriteValue(output, item, 0);
            Raw(output, "</param>\n"u8);
        }

        Raw(output, "</params>\n</methodCall>\n"u8);
    }

    /// <summary>Writes a successful <c>methodResponse</c> carrying <paramref name="result"/>.</summary>
    /// <param name="output">Where the UTF-8 bytes go (e.g. an ASP.NET response's BodyWriter).</param>
    /// <param name="result">The returned value.</param>
    /// <param name="format">The envelope of the Odoo series being imitated (faults look alike on all).</param>
    public static void WriteMethodResponse(IBufferWriter<byte> output, JsonElement result, XmlRpcResponseFormat format = XmlRpcResponseFormat.Classic)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResponseStart(output, format);
        WriteValue(output, result, 0);
        ResponseEnd(output, format);
    }

    /// <summary>Writes a successful <c>methodResponse</c> carrying <paramref name="result"/> (null → nil).</summary>
    public static void WriteMethodResponse(IBufferWriter<byte> output, JsonNode? result, XmlRpcResponseFormat format = XmlRpcResponseFormat.Classic)
    {
        ArgumentNullException.ThrowIfNull(output);
        ResponseStart(output, format);
        WriteValue(output, result, 0);
        ResponseEnd(output, format);
    }

    /// <summary>Writes a fault <c>methodResponse</c> (Odoo: 1 exception, 2 warning/unknown model, 3 access denied).</summary>
    public static void WriteFault(IBufferWriter<byte> output, int code, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        Raw(output, "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n<name>faultCode</name>\n<value><int>"u8);
        Number(output, code);
        Raw(output, "</int></value>\n</member>\n<member>\n<name>faultString</name>\n<value><string>"u8);
        Text(output, message);
        Raw(output, "</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n"u8);
    }

    /// <summary>Writes a fault <c>methodResponse</c>.</summary>
    public static void WriteFault(IBufferWriter<byte> output, XmlRpcFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        WriteFault(output, fault.Code, fault.Message);
    }

    /// <summary>Writes one <c>&lt;value&gt;</c> element (with its trailing newline, as Python does).</summary>
    public static void WriteValue(IBufferWriter<byte> output, JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteValue(output, value, 0);
    }

    /// <summary>A double as Python's <c>repr</c> writes it (<c>5.0</c>, <c>0.1</c>, <c>1e-05</c>, <c>1e+16</c>).</summary>
    public static string FormatDouble(double value) => PythonFloat.Format(value);
}
