using CertyoOdoo.Certyo.Contracts;
using Microsoft.Data.Sqlite;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Ingest: idempotency, all-or-nothing storage, batch assignment.</summary>
internal sealed partial class CertyoSandboxStore
{
    /// <summary>
    /// Stores the records all or nothing. Same idempotency key and same recordHash (within 24 h): the first answer is
    /// replayed; same key, other record: a conflict, and nothing of the call is stored.
    /// </summary>
    public IngestOutcome Ingest(IReadOnlyList<IncomingRecord> records)
    {
        lock (_gate)
        {
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var horizon = nowMs - (long)_options.IdempotencyRetention.TotalMilliseconds;
            var answers = new IngestResult[records.Count];
            var replayOf = new int[records.Count];
            var conflicts = new Dictionary<string, string[]>();
            var seen = new Dictionary<(string, string), int>();
            var known = KnownKeys(records, horizon);
            var prefix = records.Count > 1;
            for (var i = 0; i < records.Count; i++)
            {
                replayOf[i] = -1;
                var record = records[i];
                if (record.IdempotencyKey is not { } key)
                {
                    continue;
                }

                if (seen.TryGetValue((record.TenantId, key), out var earlier))
                {
                    if (records[earlier].RecordHash == record.RecordHash)
                    {
                        replayOf[i] = earlier;
                    }
                    else
                    {
                        conflicts[(prefix ? $"[{i}]." : "") + "idempotencyKey"] = [$"already used in this call by record {earlier} for a different record."];
                    }

                    continue;
                }

                seen[(record.TenantId, key)] = i;
                if (known.TryGetValue((record.TenantId, key), out var first))
                {
                    if (first.RecordHash == record.RecordHash)
                    {
                        answers[i] = new IngestResult(first.RecordId, record.RecordHash, record.TenantId, DateTimeOffset.FromUnixTimeMilliseconds(first.AcceptedMs), true);
                    }
                    else
                    {
                        conflicts[(prefix ? $"[{i}]." : "") + "idempotencyKey"] = ["already used for a different record (idempotency scope: tenantId + idempotencyKey)."];
                    }
                }
            }

            if (conflicts.Count > 0)
            {
                return new IngestOutcome(null, conflicts);
            }

            using var tx = _db.BeginTransaction();
            try
            {
                var rows = new List<object?[]>(records.Count);
                var keyRows = new List<object?[]>(records.Count);
                for (var i = 0; i < records.Count; i++)
                {
                    if (answers[i] is not null)
                    {
                        continue;
                    }

                    if (replayOf[i] >= 0)
                    {
                        answers[i] = answers[replayOf[i]] with { IdempotencyReplayed = true };
                        continue;
                    }

                    answers[i] = Assign(records[i], nowMs, tx, rows, keyRows);
                }

                _records.Write(rows, tx);
                _keys.Write(keyRows, tx);
                tx.Commit();
            }
            catch
            {
                tx.Rollback();
                _trees.Clear();
                LoadOpenBatch();
                throw;
            }

            return new IngestOutcome(answers, null);
        }
    }

    /// <summary>Gives the record its seq and batch (sealing a full batch) and queues its rows for the call's inserts.</summary>
    private IngestResult Assign(IncomingRecord record, long nowMs, SqliteTransaction tx, List<object?[]> rows, List<object?[]> keyRows)
    {
        var open = _open ??= NewBatch(nowMs, tx);
        rows.Add([_nextSeq++, record.TenantId, record.Database, record.Collection, record.RecordId, record.RecordVersion, record.ClientId,
            record.OperationType, record.SourceTimestamp, record.IdempotencyKey, record.PayloadJson, record.RecordHash, nowMs, open.Id]);
        open.Hashes.Add(record.RecordHash);
        if (record.IdempotencyKey is { } key)
        {
            keyRows.Add([record.TenantId, key, record.RecordId, record.RecordHash, nowMs]);
        }

        if (open.Hashes.Count >= _options.MaxBatchSize)
        {
            Seal(open, nowMs, tx);
        }

        return new IngestResult(record.RecordId, record.RecordHash, record.TenantId, DateTimeOffset.FromUnixTimeMilliseconds(nowMs), false);
    }

    /// <summary>Idempotency keys of the call already stored within the retention, one query per tenant.</summary>
    private Dictionary<(string Tenant, string Key), KnownKey> KnownKeys(IReadOnlyList<IncomingRecord> records, long horizon)
    {
        var known = new Dictionary<(string, string), KnownKey>();
        foreach (var tenant in records.Where(r => r.IdempotencyKey is not null).GroupBy(r => r.TenantId, StringComparer.Ordinal))
        {
            _findKeys.Parameters["$t"].Value = tenant.Key;
            _findKeys.Parameters["$keys"].Value = System.Text.Json.JsonSerializer.Serialize(tenant.Select(r => r.IdempotencyKey).ToArray());
            using var reader = _findKeys.ExecuteReader();
            while (reader.Read())
            {
                if (reader.GetInt64(3) > horizon)
                {
                    known[(tenant.Key, reader.GetString(0))] = new KnownKey(reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
                }
            }
        }

        return known;
    }
}
