using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.Errors;
using CertyoOdoo.Odoo.Transport;

namespace CertyoOdoo.Odoo;

/// <summary>Protocol selection, version reading and small argument helpers.</summary>
public sealed partial class OdooClient
{
    private async Task<IOdooTransport> TransportAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _transport) is { } ready)
        {
            return ready;
        }

        await _init.WaitAsync(cancellationToken);
        try
        {
            if (_transport is { } raced)
            {
                return raced;
            }

            var protocol = _options.Protocol;
            if (protocol == OdooProtocol.Auto)
            {
                _version ??= await ReadVersionAsync(cancellationToken);
                protocol = _version.Major >= 19 ? OdooProtocol.Json2 : OdooProtocol.JsonRpc;
                OdooLog.ProtocolSelected(_logger, _options.Url, _version.ServerVersion, _version.Major, protocol);
            }

            IOdooTransport transport = protocol switch
            {
                OdooProtocol.XmlRpc => new XmlRpcTransport(_http, _scrubber),
                OdooProtocol.JsonRpc => new JsonRpcTransport(_http, _scrubber),
                _ => new Json2Transport(_http, _scrubber),
            };
            Volatile.Write(ref _transport, transport);
            return transport;
        }
        finally
        {
            _init.Release();
        }
    }

    // common.version over the configured RPC protocol; GET /web/version when RPC is gone (22+) or JSON-2 is forced.
    private async Task<OdooServerVersion> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var json2 = new Json2Transport(_http, _scrubber);
        if (_options.Protocol == OdooProtocol.Json2)
        {
            return await TimedAsync(json2, "web", "version", () => json2.VersionAsync(cancellationToken));
        }

        try
        {
            if (_options.Protocol == OdooProtocol.XmlRpc)
            {
                var xml = new XmlRpcTransport(_http, _scrubber);
                return await TimedAsync(xml, "common", "version", () => xml.VersionAsync(cancellationToken));
            }

            var rpc = new JsonRpcTransport(_http, _scrubber);
            return await TimedAsync(rpc, "common", "version", () => rpc.VersionAsync(cancellationToken));
        }
        catch (OdooTransportException ex) when (!ex.IsTransient)
        {
            return await TimedAsync(json2, "web", "version", () => json2.VersionAsync(cancellationToken));
        }
    }

    private static JsonArray Strings(IReadOnlyList<string> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(v);
        }

        return array;
    }

    private static IEnumerable<(string, JsonNode?, bool)> Paging(int offset, int? limit, string? order)
    {
        if (offset > 0)
        {
            yield return ("offset", offset, false);
        }

        if (limit is { } l)
        {
            yield return ("limit", l, false);
        }

        if (!string.IsNullOrEmpty(order))
        {
            yield return ("order", order, false);
        }
    }

    private static Dictionary<string, OdooField> ParseFields(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new OdooTransportException("fields_get did not answer an object.", isTransient: false);
        }

        var fields = new Dictionary<string, OdooField>(StringComparer.Ordinal);
        foreach (var p in result.EnumerateObject())
        {
            var f = p.Value;
            var type = f.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            var relation = f.TryGetProperty("relation", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var store = !f.TryGetProperty("store", out var s) || s.ValueKind != JsonValueKind.False;
            var keys = new List<string>();
            if (f.TryGetProperty("selection", out var sel) && sel.ValueKind == JsonValueKind.Array)
            {
                foreach (var pair in sel.EnumerateArray())
                {
                    if (pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() > 0 && pair[0].ValueKind == JsonValueKind.String)
                    {
                        keys.Add(pair[0].GetString()!);
                    }
                }
            }

            fields[p.Name] = new OdooField(p.Name, type, relation, store, keys);
        }

        return fields;
    }
}
