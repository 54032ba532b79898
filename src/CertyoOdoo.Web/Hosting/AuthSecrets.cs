using System.Security.Cryptography;
using System.Text;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Constant-time comparison of secrets, whatever their lengths.</summary>
internal static class AuthSecrets
{
    /// <summary>True when both strings are equal; the time taken does not depend on where they differ.</summary>
    public static bool FixedTimeEquals(string? presented, string expected)
    {
        if (presented is null || expected.Length == 0)
        {
            return false;
        }

        // Hashing first makes both sides the same length, so length leaks nothing either.
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
