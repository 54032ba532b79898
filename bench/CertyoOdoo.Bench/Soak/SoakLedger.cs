using Npgsql;

namespace CertyoOdoo.Bench.Soak;

/// <summary>Reads the shared ledger (the service's source of truth) for the soak's progress and throughput.</summary>
internal sealed class SoakLedger(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db = NpgsqlDataSource.Create(connectionString);

    public async Task<Dictionary<string, long>> StatusCountsAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await using var cmd = _db.CreateCommand("SELECT status, count(*) FROM ledger_records GROUP BY status");
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No instance has migrated yet.
        }

        return counts;
    }

    /// <summary>Waits until the ledger holds <paramref name="records"/> rows: every notification recorded.</summary>
    public async Task WaitNotifiedAsync(int records, CancellationToken cancellationToken)
    {
        while ((await StatusCountsAsync(cancellationToken)).Values.Sum() < records)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>
    /// Records per second from the first notification (or <paramref name="fromMs"/>, when a backlog was
    /// released then) to the last ingest (ledger times, Unix ms).
    /// </summary>
    public async Task<double> IngestThroughputAsync(long? fromMs, CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT count(ingested_at), min(notified_at), max(ingested_at) FROM ledger_records WHERE ingested_at IS NOT NULL");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var count = reader.GetInt64(0);
        if (count == 0)
        {
            return 0;
        }

        var seconds = (reader.GetInt64(2) - (fromMs ?? reader.GetInt64(1))) / 1000.0;
        return seconds > 0 ? count / seconds : double.PositiveInfinity;
    }

    /// <summary>Median and 99th percentile of the time from notification to ingest, in seconds.</summary>
    public async Task<(double P50, double P99)> IngestLagAsync(CancellationToken cancellationToken)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY ingested_at - notified_at), 0), " +
            "coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY ingested_at - notified_at), 0) " +
            "FROM ledger_records WHERE ingested_at IS NOT NULL");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetDouble(0) / 1000, reader.GetDouble(1) / 1000);
    }

    public static string Format(Dictionary<string, long> counts) =>
        counts.Count == 0 ? "empty" : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));

    public ValueTask DisposeAsync() => _db.DisposeAsync();
}
