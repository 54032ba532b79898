namespace CertyoOdoo.Certyo.Contracts;

/// <summary>
/// Certyo's verify answer. Only <see cref="Verified"/> is documented; the rest is what the sandbox
/// returns (certyo-api.md section 2) and may be missing on the real service.
/// </summary>
public sealed record VerifyResult
{
    public bool Verified { get; init; }
    public string? Status { get; init; }
    public string? RecordHash { get; init; }
    public string? MerkleRoot { get; init; }
    public long? LeafIndex { get; init; }
    public long? TreeSize { get; init; }
    public IReadOnlyList<string>? Proof { get; init; }
    public string? IpfsCid { get; init; }
    public string? PolygonTxHash { get; init; }
    public long? BlockNumber { get; init; }
    public DateTimeOffset? AnchoredAt { get; init; }
}
