using System.Security.Cryptography;

namespace CertyoOdoo.Certyo.Merkle;

/// <summary>
/// An RFC 6962 Merkle tree held in memory, built once, from which the root and every audit path are read.
/// Built level by level, pairing neighbours and carrying an odd last node up unchanged: this is the same tree as
/// RFC 6962's recursive split at the largest power of two below n.
/// </summary>
public sealed class MerkleTree
{
    private readonly byte[] _nodes;
    private readonly int[] _levelOffsets;
    private readonly int[] _levelSizes;

    private MerkleTree(byte[] nodes, int[] levelOffsets, int[] levelSizes)
    {
        _nodes = nodes;
        _levelOffsets = levelOffsets;
        _levelSizes = levelSizes;
    }

    /// <summary>Number of leaves.</summary>
    public int Size => _levelSizes[0];

    /// <summary>The 32-byte root hash.</summary>
    public ReadOnlySpan<byte> Root => Node(_levelSizes.Length - 1, 0);

    /// <summary>The root as lowercase hex.</summary>
    public string RootHex => Convert.ToHexStringLower(Root);

    /// <summary>Builds the tree over leaf hashes (each already SHA-256(0x00 || data)), concatenated.</summary>
    public static MerkleTree FromLeafHashes(ReadOnlySpan<byte> leafHashes)
    {
        if (leafHashes.IsEmpty || leafHashes.Length % Rfc6962.HashSize != 0)
        {
            throw new ArgumentException("Leaf hashes must be a non-empty concatenation of 32-byte hashes.", nameof(leafHashes));
        }

        var n = leafHashes.Length / Rfc6962.HashSize;
        var levels = 1;
        var total = n;
        for (var size = n; size > 1; size = (size + 1) / 2)
        {
            levels++;
            total += (size + 1) / 2;
        }

        var nodes = new byte[total * Rfc6962.HashSize];
        var offsets = new int[levels];
        var sizes = new int[levels];
        leafHashes.CopyTo(nodes);
        sizes[0] = n;
        var offset = n * Rfc6962.HashSize;
        for (var level = 1; level < levels; level++)
        {
            var below = sizes[level - 1];
            var belowStart = offsets[level - 1];
            offsets[level] = offset;
            sizes[level] = (below + 1) / 2;
            var pairs = below / 2;
            for (var i = 0; i < pairs; i++)
            {
                var left = nodes.AsSpan(belowStart + (2 * i * Rfc6962.HashSize), 2 * Rfc6962.HashSize);
                Rfc6962.HashChildren(left[..Rfc6962.HashSize], left[Rfc6962.HashSize..], nodes.AsSpan(offset + (i * Rfc6962.HashSize), Rfc6962.HashSize));
            }

            if ((below & 1) == 1)
            {
                // An odd last node has no sibling at this level: RFC 6962 hashes it further up, unchanged here.
                nodes.AsSpan(belowStart + ((below - 1) * Rfc6962.HashSize), Rfc6962.HashSize)
                    .CopyTo(nodes.AsSpan(offset + (pairs * Rfc6962.HashSize), Rfc6962.HashSize));
            }

            offset += sizes[level] * Rfc6962.HashSize;
        }

        return new MerkleTree(nodes, offsets, sizes);
    }

    /// <summary>Builds the tree over raw leaf data (each leaf hashed as SHA-256(0x00 || data)).</summary>
    public static MerkleTree FromLeafData(IReadOnlyList<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var hashes = new byte[leaves.Count * Rfc6962.HashSize];
        for (var i = 0; i < leaves.Count; i++)
        {
            Rfc6962.HashLeaf(leaves[i], hashes.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize));
        }

        return FromLeafHashes(hashes);
    }

    /// <summary>Builds the tree whose leaves are records: leaf i = SHA-256(0x00 || bytes of recordHashes[i]).</summary>
    public static MerkleTree FromRecordHashes(IReadOnlyList<string> recordHashes)
    {
        ArgumentNullException.ThrowIfNull(recordHashes);
        var hashes = new byte[recordHashes.Count * Rfc6962.HashSize];
        Span<byte> record = stackalloc byte[SHA256.HashSizeInBytes];
        for (var i = 0; i < recordHashes.Count; i++)
        {
            if (Convert.FromHexString(recordHashes[i], record, out _, out var written) != System.Buffers.OperationStatus.Done || written != record.Length)
            {
                throw new FormatException($"Record hash {i} is not 64 hex digits.");
            }

            Rfc6962.HashLeaf(record, hashes.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize));
        }

        return FromLeafHashes(hashes);
    }

    /// <summary>The leaf hash at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> LeafHash(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return Node(0, index);
    }

    /// <summary>Number of hashes in the audit path of leaf <paramref name="index"/>.</summary>
    public int AuditPathLength(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var count = 0;
        for (var level = 0; level < _levelSizes.Length - 1; level++, index >>= 1)
        {
            if ((index ^ 1) < _levelSizes[level])
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Writes the RFC 6962 audit path of leaf <paramref name="index"/> (bottom up) and returns its length.</summary>
    public int WriteAuditPath(int index, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var count = 0;
        for (var level = 0; level < _levelSizes.Length - 1; level++, index >>= 1)
        {
            var sibling = index ^ 1;
            if (sibling < _levelSizes[level])
            {
                Node(level, sibling).CopyTo(destination.Slice(count * Rfc6962.HashSize, Rfc6962.HashSize));
                count++;
            }
        }

        return count;
    }

    /// <summary>The RFC 6962 audit path of leaf <paramref name="index"/>, bottom up.</summary>
    public byte[][] GetAuditPath(int index)
    {
        var path = new byte[AuditPathLength(index)][];
        var level = 0;
        var count = 0;
        for (var i = index; level < _levelSizes.Length - 1; level++, i >>= 1)
        {
            if ((i ^ 1) < _levelSizes[level])
            {
                path[count++] = Node(level, i ^ 1).ToArray();
            }
        }

        return path;
    }

    /// <summary>The audit path of leaf <paramref name="index"/> as lowercase hex, bottom up.</summary>
    public string[] GetAuditPathHex(int index)
    {
        var path = new string[AuditPathLength(index)];
        var level = 0;
        var count = 0;
        for (var i = index; level < _levelSizes.Length - 1; level++, i >>= 1)
        {
            if ((i ^ 1) < _levelSizes[level])
            {
                path[count++] = Convert.ToHexStringLower(Node(level, i ^ 1));
            }
        }

        return path;
    }

    /// <summary>Every leaf's audit path, index by index (one pass over the built tree, no rehashing).</summary>
    public byte[][][] GetAllAuditPaths()
    {
        var all = new byte[Size][][];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = GetAuditPath(i);
        }

        return all;
    }

    private ReadOnlySpan<byte> Node(int level, int index) =>
        _nodes.AsSpan(_levelOffsets[level] + (index * Rfc6962.HashSize), Rfc6962.HashSize);
}
