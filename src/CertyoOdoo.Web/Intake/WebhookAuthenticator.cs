using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CertyoOdoo.Web.Intake;

/// <summary>
/// Authenticates the two senders: the Odoo module (HMAC-SHA256 over <c>"{timestamp}.{body}"</c> in
/// <c>X-Certyo-Signature: sha256=&lt;hex&gt;</c>, timestamp in Unix seconds within the allowed skew) and
/// Odoo 17+'s native webhook (the tenant's secret as <c>?token=</c>). Comparisons take constant time.
/// </summary>
internal static class WebhookAuthenticator
{
    public const string TimestampHeader = "X-Certyo-Timestamp";
    public const string SignatureHeader = "X-Certyo-Signature";

    /// <summary>Null when authentic; else why not (safe to return to the caller: no secret in it).</summary>
    public static string? CheckSignature(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (string.IsNullOrEmpty(timestamp))
        {
            return $"{SignatureHeader} needs {TimestampHeader} (Unix seconds).";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return $"{TimestampHeader} must be Unix seconds.";
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (now - sent > maxSkew)
        {
            return $"{TimestampHeader} is older than {maxSkew.TotalMinutes:0} minutes: refused as a possible replay.";
        }

        if (sent - now > maxSkew)
        {
            return $"{TimestampHeader} is more than {maxSkew.TotalMinutes:0} minutes in the future.";
        }

        if (signature is null || !signature.StartsWith("sha256=", StringComparison.Ordinal) || signature.Length != 7 + 64)
        {
            return $"{SignatureHeader} must be sha256=<64 hex digits>.";
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(7), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return $"{SignatureHeader} must be sha256=<64 hex digits>.";
        }

        Span<byte> expected = stackalloc byte[32];
        Sign(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? null : "The signature does not match the body.";
    }

    /// <summary>Null when the token is the secret; else why not.</summary>
    public static string? CheckToken(string secret, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return $"Missing authentication: a {SignatureHeader} header (module) or a ?token= (native webhook).";
        }

        // Hashing first makes the comparison independent of the lengths too.
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), b);
        return CryptographicOperations.FixedTimeEquals(a, b) ? null : "The token is not this tenant's webhook secret.";
    }

    /// <summary>HMAC-SHA256 of <c>"{timestamp}.{body}"</c> keyed with the secret (what the module sends).</summary>
    public static void Sign(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message, destination);
    }

    /// <summary>The header value the module would send.</summary>
    public static string SignatureFor(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        Sign(secret, timestamp, body, mac);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }
}
