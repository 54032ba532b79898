using System.Globalization;

namespace CertyoOdoo.Odoo;

/// <summary>What <c>common.version</c> (or <c>GET /web/version</c>) answered.</summary>
/// <param name="ServerVersion">E.g. <c>17.0-20240709</c> or <c>saas~17.2</c>.</param>
/// <param name="Major">17 for <c>17.0</c> and for <c>saas~17.2</c>.</param>
/// <param name="Minor">0 for <c>17.0</c>, 2 for <c>saas~17.2</c>.</param>
/// <param name="Serie">E.g. <c>17.0</c>.</param>
public sealed record OdooServerVersion(string ServerVersion, int Major, int Minor, string Serie)
{
    /// <summary>True for Odoo Online's saas releases (e.g. <c>saas~17.2</c>).</summary>
    public bool IsSaas => ServerVersion.StartsWith("saas", StringComparison.Ordinal) || Serie.StartsWith("saas", StringComparison.Ordinal);

    /// <summary>Parses a version such as <c>17.0</c>, <c>17.0-20240709</c>, <c>saas~17.2</c> or <c>saas~17.2+e</c>.</summary>
    public static bool TryParse(string? text, out int major, out int minor)
    {
        major = 0;
        minor = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.AsSpan().Trim();
        var tilde = s.IndexOf('~');
        if (tilde >= 0)
        {
            s = s[(tilde + 1)..];
        }

        var end = 0;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
        }

        if (end == 0 || !int.TryParse(s[..end], NumberStyles.None, CultureInfo.InvariantCulture, out major))
        {
            return false;
        }

        if (end < s.Length && s[end] == '.')
        {
            var start = end + 1;
            var stop = start;
            while (stop < s.Length && char.IsAsciiDigit(s[stop]))
            {
                stop++;
            }

            _ = int.TryParse(s[start..stop], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
        }

        return true;
    }
}

/// <summary>Reads the version answers of <c>common.version</c> and <c>GET /web/version</c>.</summary>
internal static class OdooServerVersionReader
{
    public static OdooServerVersion FromJson(System.Text.Json.JsonElement root)
    {
        static string? Str(System.Text.Json.JsonElement o, string name) =>
            o.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;

        var serverVersion = Str(root, "server_version") ?? Str(root, "version") ?? "";
        var serie = Str(root, "server_serie") ?? Str(root, "version") ?? serverVersion;
        int major = 0, minor = 0;
        var parsed = false;
        if ((root.TryGetProperty("server_version_info", out var info) || root.TryGetProperty("version_info", out info))
            && info.ValueKind == System.Text.Json.JsonValueKind.Array && info.GetArrayLength() >= 2)
        {
            if (info[0].ValueKind == System.Text.Json.JsonValueKind.Number && info[1].ValueKind == System.Text.Json.JsonValueKind.Number)
            {
                major = info[0].GetInt32();
                minor = info[1].GetInt32();
                parsed = true;
            }
            else if (info[0].ValueKind == System.Text.Json.JsonValueKind.String)
            {
                // saas builds: ["saas~17", 2, ...] or ["saas~17.2", ...]
                parsed = OdooServerVersion.TryParse(info[0].GetString(), out major, out minor);
                if (parsed && minor == 0 && info[1].ValueKind == System.Text.Json.JsonValueKind.Number)
                {
                    minor = info[1].GetInt32();
                }
            }
        }

        if (!parsed && !OdooServerVersion.TryParse(serverVersion, out major, out minor) && !OdooServerVersion.TryParse(serie, out major, out minor))
        {
            throw new Errors.OdooTransportException($"Odoo's version answer could not be read ('{serverVersion}').", isTransient: false);
        }

        return new OdooServerVersion(serverVersion, major, minor, serie);
    }
}
