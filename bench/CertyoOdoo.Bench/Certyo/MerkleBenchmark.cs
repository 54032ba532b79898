using System.Diagnostics;
using System.Security.Cryptography;
using CertyoOdoo.Certyo.Merkle;

namespace CertyoOdoo.Bench.Certyo;

/// <summary>Time to build a 1,000-leaf RFC 6962 tree from record hashes and produce every audit path. Target: under 5 ms.</summary>
internal sealed class MerkleBenchmark : IBenchmark
{
    public string Name => "certyo-merkle";

    public string Description => "1,000-leaf tree + all 1,000 proofs, median of many runs [--leaves 1000] [--runs 500]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var leaves = Arg(args, "--leaves", 1000);
        var runs = Arg(args, "--runs", 500);
        var hashes = Enumerable.Range(0, leaves).Select(i => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))).ToArray();

        for (var i = 0; i < 50; i++)
        {
            Run(hashes, hex: false);
            Run(hashes, hex: true);
        }

        var binary = Measure(hashes, runs, hex: false);
        var hexed = Measure(hashes, runs, hex: true);
        Console.WriteLine($"{leaves} leaves, {runs} runs each");
        Console.WriteLine($"build tree + all proofs (bytes):      median {binary.Median,8:F3} ms, p95 {binary.P95,8:F3} ms");
        Console.WriteLine($"build tree + all proofs (hex, as API): median {hexed.Median,8:F3} ms, p95 {hexed.P95,8:F3} ms");
        Console.WriteLine($"target < 5 ms: {(hexed.Median < 5 ? "met" : "NOT met")}");

        // Sanity: every proof verifies.
        var tree = MerkleTree.FromRecordHashes(hashes);
        for (var i = 0; i < leaves; i++)
        {
            if (!MerkleProof.VerifyRecord(hashes[i], i, leaves, tree.GetAuditPathHex(i), tree.RootHex))
            {
                Console.WriteLine($"proof {i} does not verify");
                return Task.FromResult(1);
            }
        }

        return Task.FromResult(0);
    }

    private static (double Median, double P95) Measure(string[] hashes, int runs, bool hex)
    {
        var times = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var start = Stopwatch.GetTimestamp();
            Run(hashes, hex);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[runs / 2], times[(int)(runs * 0.95)]);
    }

    private static int Run(string[] hashes, bool hex)
    {
        var tree = MerkleTree.FromRecordHashes(hashes);
        var total = 0;
        for (var i = 0; i < tree.Size; i++)
        {
            total += hex ? tree.GetAuditPathHex(i).Length : tree.GetAuditPath(i).Length;
        }

        return total;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }
}
