namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Log lines of the Certyo sandbox.</summary>
internal static partial class CertyoSandboxLog
{
    [LoggerMessage(1, LogLevel.Information, "Batch {BatchId} sealed: {TreeSize} records, Merkle root {MerkleRoot}")]
    public static partial void BatchSealed(ILogger logger, long batchId, int treeSize, string merkleRoot);

    [LoggerMessage(2, LogLevel.Information, "Batch {BatchId} anchored (sandbox): root {MerkleRoot}, block {BlockNumber}, tx {PolygonTxHash}")]
    public static partial void BatchAnchored(ILogger logger, long batchId, string merkleRoot, long blockNumber, string polygonTxHash);

    [LoggerMessage(3, LogLevel.Information, "Certyo sandbox store at {DatabasePath}: {Records} records, open batch {OpenBatch} with {OpenCount} records")]
    public static partial void StoreOpened(ILogger logger, string databasePath, long records, long? openBatch, int openCount);

    [LoggerMessage(4, LogLevel.Error, "Certyo sandbox batcher failed; retrying on the next tick")]
    public static partial void BatcherFailed(ILogger logger, Exception exception);
}
