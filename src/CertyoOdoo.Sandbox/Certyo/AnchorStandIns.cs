using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>
/// Deterministic stand-ins for what real Certyo gets from IPFS and Polygon, derived from the Merkle root. They have
/// the right shape (CIDv1, 0x-prefixed 32-byte tx hash, a block number) but point at nothing: sandbox values.
/// </summary>
internal static class AnchorStandIns
{
    public const string Note = "sandbox: ipfsCid, polygonTxHash and blockNumber are derived from merkleRoot and exist on no network";

    public static string IpfsCid(string merkleRoot)
    {
        // CIDv1, raw codec (0x55), sha2-256 multihash (0x12, 32 bytes), base32 lower with multibase prefix 'b'.
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes("certyo-sandbox-ipfs:" + merkleRoot));
        byte[] cid = [0x01, 0x55, 0x12, 0x20, .. digest];
        return "b" + Base32Lower(cid);
    }

    public static string PolygonTxHash(string merkleRoot) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("certyo-sandbox-polygon:" + merkleRoot)));

    public static long BlockNumber(string merkleRoot)
    {
        var digest = SHA256.HashData(Encoding.ASCII.GetBytes("certyo-sandbox-block:" + merkleRoot));
        return 60_000_000 + (BinaryPrimitives.ReadUInt32BigEndian(digest) % 10_000_000);
    }

    private static string Base32Lower(ReadOnlySpan<byte> data)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            sb.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }

        return sb.ToString();
    }
}
