using System.Security.Cryptography;

namespace CertyoOdoo.Certyo.Tests.Merkle;

/// <summary>RFC 6962 section 2.1 written as the recursive definitions, with no shared code: the oracle for property tests.</summary>
internal static class ReferenceMerkle
{
    public static byte[] Mth(IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return SHA256.HashData([0x00, .. leaves[start]]);
        }

        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(leaves, start, k), .. Mth(leaves, start + k, count - k)]);
    }

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leaves, int start, int count)
    {
        if (count == 1)
        {
            return [];
        }

        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        if (m < k)
        {
            var path = Path(m, leaves, start, k);
            path.Add(Mth(leaves, start + k, count - k));
            return path;
        }
        else
        {
            var path = Path(m - k, leaves, start + k, count - k);
            path.Add(Mth(leaves, start, k));
            return path;
        }
    }
}
