namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>The sandbox's verify answer: certyo-api.md section 2, plus a note that anchor values are stand-ins.</summary>
public sealed record SandboxVerifyAnswer(
    bool Verified,
    string Status,
    string RecordId,
    string RecordVersion,
    string RecordHash,
    string? MerkleRoot,
    long? LeafIndex,
    long? TreeSize,
    IReadOnlyList<string>? Proof,
    string? IpfsCid,
    string? PolygonTxHash,
    long? BlockNumber,
    DateTimeOffset? AnchoredAt,
    string? SandboxNote);

/// <summary>Counts for the soak harness and the service's tests.</summary>
public sealed record SandboxStats(long Records, long Batches, long Anchored, long Pending, long Duplicates);

/// <summary>Outcome of an ingest call: answers in request order, or the conflicting indexes (nothing stored).</summary>
internal sealed record IngestOutcome(CertyoOdoo.Certyo.Contracts.IngestResult[]? Answers, Dictionary<string, string[]>? Conflicts);

/// <summary>A batch whose anchoring became due.</summary>
internal sealed record AnchoredBatch(long Id, string MerkleRoot);
