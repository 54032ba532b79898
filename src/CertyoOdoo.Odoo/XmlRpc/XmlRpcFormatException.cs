namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>The bytes are not a well-formed XML-RPC message.</summary>
public sealed class XmlRpcFormatException : FormatException
{
    public XmlRpcFormatException()
    {
    }

    public XmlRpcFormatException(string message)
        : base(message)
    {
    }

    public XmlRpcFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
