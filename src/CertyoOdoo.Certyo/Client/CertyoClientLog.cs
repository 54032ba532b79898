using Microsoft.Extensions.Logging;

namespace CertyoOdoo.Certyo.Client;

/// <summary>Log lines of the Certyo client. Never the API key.</summary>
internal static partial class CertyoClientLog
{
    [LoggerMessage(1, LogLevel.Warning, "Certyo {Operation} attempt {Attempt} failed ({Outcome}); retrying in {DelayMs} ms")]
    public static partial void RetryScheduled(ILogger logger, string operation, int attempt, string outcome, long delayMs);

    [LoggerMessage(2, LogLevel.Error, "Certyo {Operation} failed for good: {Reason}")]
    public static partial void GaveUp(ILogger logger, string operation, string reason);

    [LoggerMessage(3, LogLevel.Debug, "Certyo bulk chunk {Chunk}/{Chunks} of {Count} records accepted")]
    public static partial void ChunkAccepted(ILogger logger, int chunk, int chunks, int count);
}
