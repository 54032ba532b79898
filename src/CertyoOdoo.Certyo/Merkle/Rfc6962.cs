using System.Security.Cryptography;

namespace CertyoOdoo.Certyo.Merkle;

/// <summary>RFC 6962 (Certificate Transparency) hashing: domain-separated leaf and node hashes over SHA-256.</summary>
public static class Rfc6962
{
    /// <summary>Size of every hash in the tree.</summary>
    public const int HashSize = SHA256.HashSizeInBytes;

    /// <summary>SHA-256(0x00 || data).</summary>
    public static void HashLeaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // Leaves here are 32-byte record hashes; larger inputs (test vectors) go through the heap.
        var buffer = data.Length <= 256 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        SHA256.HashData(buffer, destination);
    }

    /// <summary>SHA-256(0x00 || data).</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        HashLeaf(data, hash);
        return hash;
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = 0x01;
        left.CopyTo(buffer.Slice(1, HashSize));
        right.CopyTo(buffer.Slice(1 + HashSize, HashSize));
        SHA256.HashData(buffer, destination);
    }

    /// <summary>SHA-256(0x01 || left || right).</summary>
    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        HashChildren(left, right, hash);
        return hash;
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 6962 splits a tree.</summary>
    public static long SplitPoint(long n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        return 1L << (int)(63 - long.LeadingZeroCount(n - 1));
    }
}
