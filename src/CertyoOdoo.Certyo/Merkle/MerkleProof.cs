using System.Numerics;
using System.Security.Cryptography;

namespace CertyoOdoo.Certyo.Merkle;

/// <summary>
/// Checks RFC 6962 inclusion proofs with no trust in the server: the root is recomputed from the leaf hash, its
/// index, the tree size and the audit path, then compared with the claimed root.
/// </summary>
public static class MerkleProof
{
    /// <summary>
    /// Recomputes the root from an inclusion proof; null when the proof has the wrong shape for (index, size).
    /// </summary>
    public static byte[]? RootFromInclusionProof(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (treeSize <= 0 || leafIndex < 0 || leafIndex >= treeSize || leafHash.Length != Rfc6962.HashSize)
        {
            return null;
        }

        // Nodes below the split between the leaf's path and the right border of the tree, then the border.
        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(leafIndex ^ (treeSize - 1)));
        var border = BitOperations.PopCount((ulong)leafIndex >> inner);
        if (proof.Count != inner + border)
        {
            return null;
        }

        Span<byte> current = stackalloc byte[Rfc6962.HashSize];
        leafHash.CopyTo(current);
        for (var i = 0; i < proof.Count; i++)
        {
            var sibling = proof[i];
            if (sibling is null || sibling.Length != Rfc6962.HashSize)
            {
                return null;
            }

            if (i < inner && ((leafIndex >> i) & 1) == 0)
            {
                Rfc6962.HashChildren(current, sibling, current);
            }
            else
            {
                Rfc6962.HashChildren(sibling, current, current);
            }
        }

        return current.ToArray();
    }

    /// <summary>True when the proof leads from <paramref name="leafHash"/> to <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var computed = RootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
        return computed is not null && root.Length == Rfc6962.HashSize && CryptographicOperations.FixedTimeEquals(computed, root);
    }

    /// <summary>
    /// Checks a Certyo verify answer: leaf = SHA-256(0x00 || recordHash bytes), hex inputs as the API returns them.
    /// False on any malformed input.
    /// </summary>
    public static bool VerifyRecord(string recordHashHex, long leafIndex, long treeSize, IReadOnlyList<string> proofHex, string merkleRootHex)
    {
        ArgumentNullException.ThrowIfNull(proofHex);
        if (!TryHex(recordHashHex, out var recordHash) || !TryHex(merkleRootHex, out var root))
        {
            return false;
        }

        var proof = new byte[proofHex.Count][];
        for (var i = 0; i < proof.Length; i++)
        {
            if (!TryHex(proofHex[i], out proof[i]))
            {
                return false;
            }
        }

        return VerifyInclusion(leafIndex, treeSize, Rfc6962.HashLeaf(recordHash), proof, root);
    }

    private static bool TryHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != 2 * Rfc6962.HashSize)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
