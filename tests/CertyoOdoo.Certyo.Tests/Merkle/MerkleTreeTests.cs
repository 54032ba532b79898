using CertyoOdoo.Certyo.Merkle;

namespace CertyoOdoo.Certyo.Tests.Merkle;

public sealed class MerkleTreeTests
{
    // Certificate Transparency's standard vectors (transparency-dev/merkle testonly/constants.go, proof/verify_test.go).
    private static readonly byte[][] CtLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] CtRoots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<int, int, string[]> CtInclusionProofs => new()
    {
        // (1-based leaf, tree size, path), as in verify_test.go.
        { 1, 1, [] },
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 2, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    [Fact]
    public void Roots_match_the_certificate_transparency_vectors_for_sizes_1_to_8()
    {
        for (var size = 1; size <= 8; size++)
        {
            var tree = MerkleTree.FromLeafData(CtLeaves[..size]);
            Assert.Equal(CtRoots[size - 1], tree.RootHex);
        }
    }

    [Theory]
    [MemberData(nameof(CtInclusionProofs))]
    public void Audit_paths_match_and_verify_against_the_certificate_transparency_vectors(int leaf, int size, string[] expected)
    {
        var tree = MerkleTree.FromLeafData(CtLeaves[..size]);
        var index = leaf - 1;

        Assert.Equal(expected, tree.GetAuditPathHex(index));
        var proof = expected.Select(Convert.FromHexString).ToArray();
        var root = Convert.FromHexString(CtRoots[size - 1]);
        Assert.True(MerkleProof.VerifyInclusion(index, size, Rfc6962.HashLeaf(CtLeaves[index]), proof, root));
    }

    [Theory]
    [MemberData(nameof(CtInclusionProofs))]
    public void Corrupted_certificate_transparency_proofs_are_rejected(int leaf, int size, string[] expected)
    {
        var index = leaf - 1;
        var proof = expected.Select(Convert.FromHexString).ToList();
        var root = Convert.FromHexString(CtRoots[size - 1]);
        var leafHash = Rfc6962.HashLeaf(CtLeaves[index]);

        Assert.False(MerkleProof.VerifyInclusion(index + 1, size, leafHash, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(index, size * 2, leafHash, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(index, size, Rfc6962.HashLeaf("WrongLeaf"u8), proof, root));
        Assert.False(MerkleProof.VerifyInclusion(index, size, leafHash, [.. proof, root], root));
        Assert.False(MerkleProof.VerifyInclusion(index, size, leafHash, [root, .. proof], root));
        for (var i = 0; i < proof.Count; i++)
        {
            var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
            flipped[i][0] ^= 8;
            Assert.False(MerkleProof.VerifyInclusion(index, size, leafHash, flipped, root));
        }

        if (proof.Count > 0)
        {
            Assert.False(MerkleProof.VerifyInclusion(index, size, leafHash, proof[..^1], root));
        }
    }

    [Fact]
    public void Every_size_up_to_70_matches_the_recursive_definition_for_every_leaf()
    {
        var random = new Random(6962);
        for (var size = 1; size <= 70; size++)
        {
            var leaves = Enumerable.Range(0, size).Select(_ => RandomBytes(random, random.Next(0, 40))).ToArray();
            var tree = MerkleTree.FromLeafData(leaves);
            var expectedRoot = ReferenceMerkle.Mth(leaves, 0, size);
            Assert.Equal(expectedRoot, tree.Root.ToArray());

            var all = tree.GetAllAuditPaths();
            for (var m = 0; m < size; m++)
            {
                var expectedPath = ReferenceMerkle.Path(m, leaves, 0, size);
                Assert.Equal(expectedPath, all[m]);
                Assert.True(MerkleProof.VerifyInclusion(m, size, tree.LeafHash(m), all[m], expectedRoot));
            }
        }
    }

    [Fact]
    public void A_single_leaf_tree_has_the_leaf_hash_as_root_and_an_empty_path()
    {
        var recordHash = new string('a', 64);
        var tree = MerkleTree.FromRecordHashes([recordHash]);

        Assert.Equal(Convert.ToHexStringLower(Rfc6962.HashLeaf(Convert.FromHexString(recordHash))), tree.RootHex);
        Assert.Empty(tree.GetAuditPath(0));
        Assert.True(MerkleProof.VerifyRecord(recordHash, 0, 1, [], tree.RootHex));
    }

    [Fact]
    public void Record_trees_of_odd_sizes_give_proofs_that_verify_from_hex()
    {
        foreach (var size in new[] { 3, 7, 999, 1000, 1001 })
        {
            var hashes = Enumerable.Range(0, size).Select(i => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))).ToArray();
            var tree = MerkleTree.FromRecordHashes(hashes);
            foreach (var i in new[] { 0, size / 2, size - 1 })
            {
                Assert.True(MerkleProof.VerifyRecord(hashes[i], i, size, tree.GetAuditPathHex(i), tree.RootHex));
                Assert.False(MerkleProof.VerifyRecord(hashes[(i + 1) % size], i, size, tree.GetAuditPathHex(i), tree.RootHex));
            }
        }
    }

    [Fact]
    public void Malformed_inputs_are_rejected_not_thrown()
    {
        Assert.False(MerkleProof.VerifyRecord("zz", 0, 1, [], new string('0', 64)));
        Assert.False(MerkleProof.VerifyRecord(new string('0', 64), 1, 1, [], new string('0', 64)));
        Assert.False(MerkleProof.VerifyRecord(new string('0', 64), 0, 0, [], new string('0', 64)));
        Assert.False(MerkleProof.VerifyRecord(new string('0', 64), 0, 2, ["abc"], new string('0', 64)));
    }

    [Fact]
    public void Split_point_is_the_largest_power_of_two_below_n()
    {
        Assert.Equal(1, Rfc6962.SplitPoint(2));
        Assert.Equal(2, Rfc6962.SplitPoint(3));
        Assert.Equal(4, Rfc6962.SplitPoint(8));
        Assert.Equal(8, Rfc6962.SplitPoint(9));
        Assert.Equal(512, Rfc6962.SplitPoint(1000));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
