using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Certyo.Merkle;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>
/// The sandbox's records, idempotency keys and batches in SQLite, behind one connection and one lock (SQLite has one
/// writer anyway; ":memory:" needs the single connection). A batch's records are a contiguous seq range, so leaf
/// index = seq - first_seq and acceptance order is leaf order.
/// </summary>
internal sealed partial class CertyoSandboxStore : IDisposable
{
    private const int TreeCacheSize = 32;

    private readonly Lock _gate = new();
    private readonly SqliteConnection _db;
    private readonly CertyoSandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CertyoSandboxStore> _logger;
    private readonly Dictionary<long, MerkleTree> _trees = [];
    private readonly Queue<long> _treeOrder = new();
    private readonly SqliteCommand _findKey;
    private readonly SqliteCommand _insertRecord;
    private readonly SqliteCommand _upsertKey;
    private OpenBatch? _open;

    public CertyoSandboxStore(IOptions<CertyoSandboxOptions> options, TimeProvider time, ILogger<CertyoSandboxStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        var path = _options.DatabasePath;
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        if (path != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        _db = new SqliteConnection(builder.ConnectionString);
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
        Execute(Schema);
        _findKey = Prepare("SELECT record_id, record_hash, accepted_ms FROM idempotency WHERE tenant_id = $t AND idem_key = $k", "$t", "$k");
        _insertRecord = Prepare(
            "INSERT INTO records (tenant_id, database, collection, record_id, record_version, client_id, operation_type, source_timestamp, idempotency_key, payload, record_hash, accepted_ms, batch_id) " +
            "VALUES ($t, $d, $c, $r, $v, $cl, $op, $ts, $k, $p, $h, $a, $b) RETURNING seq",
            "$t", "$d", "$c", "$r", "$v", "$cl", "$op", "$ts", "$k", "$p", "$h", "$a", "$b");
        _upsertKey = Prepare("INSERT OR REPLACE INTO idempotency (tenant_id, idem_key, record_id, record_hash, accepted_ms) VALUES ($t, $k, $r, $h, $a)", "$t", "$k", "$r", "$h", "$a");
        LoadOpenBatch();
        CertyoSandboxLog.StoreOpened(_logger, path, Scalar("SELECT COUNT(*) FROM records"), _open?.Id, _open?.Hashes.Count ?? 0);
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS batches (
            id INTEGER PRIMARY KEY, opened_ms INTEGER NOT NULL, first_seq INTEGER NOT NULL,
            sealed_ms INTEGER, anchored_ms INTEGER, tree_size INTEGER, merkle_root TEXT);
        CREATE TABLE IF NOT EXISTS records (
            seq INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, database TEXT NOT NULL, collection TEXT NOT NULL,
            record_id TEXT NOT NULL, record_version TEXT NOT NULL, client_id TEXT, operation_type TEXT,
            source_timestamp TEXT, idempotency_key TEXT, payload TEXT NOT NULL, record_hash TEXT NOT NULL,
            accepted_ms INTEGER NOT NULL, batch_id INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS records_by_id ON records (tenant_id, database, collection, record_id);
        CREATE TABLE IF NOT EXISTS idempotency (
            tenant_id TEXT NOT NULL, idem_key TEXT NOT NULL, record_id TEXT NOT NULL, record_hash TEXT NOT NULL,
            accepted_ms INTEGER NOT NULL, PRIMARY KEY (tenant_id, idem_key)) WITHOUT ROWID;
        """;

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
                _findKey.Parameters["$t"].Value = record.TenantId;
                _findKey.Parameters["$k"].Value = key;
                using var reader = _findKey.ExecuteReader();
                if (reader.Read() && reader.GetInt64(2) > horizon)
                {
                    if (reader.GetString(1) == record.RecordHash)
                    {
                        answers[i] = new IngestResult(reader.GetString(0), record.RecordHash, record.TenantId, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), true);
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

                    answers[i] = Insert(records[i], nowMs, tx);
                }

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

    /// <summary>Seals the open batch when its window has ended.</summary>
    public void SealDue()
    {
        lock (_gate)
        {
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            if (_open is { } open && nowMs - open.OpenedMs >= (long)_options.BatchWindow.TotalMilliseconds)
            {
                using var tx = _db.BeginTransaction();
                Seal(open, nowMs, tx);
                tx.Commit();
            }
        }
    }

    /// <summary>Marks sealed batches anchored once their anchor delay has passed; returns them.</summary>
    public IReadOnlyList<AnchoredBatch> AnchorDue()
    {
        lock (_gate)
        {
            var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var delayMs = (long)_options.AnchorDelay.TotalMilliseconds;
            var due = new List<AnchoredBatch>();
            using (var select = _db.CreateCommand())
            {
                select.CommandText = "SELECT id, merkle_root FROM batches WHERE sealed_ms IS NOT NULL AND anchored_ms IS NULL AND sealed_ms + $d <= $now ORDER BY id";
                select.Parameters.AddWithValue("$d", delayMs);
                select.Parameters.AddWithValue("$now", nowMs);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    due.Add(new AnchoredBatch(reader.GetInt64(0), reader.GetString(1)));
                }
            }

            if (due.Count > 0)
            {
                using var update = _db.CreateCommand();
                update.CommandText = "UPDATE batches SET anchored_ms = sealed_ms + $d WHERE sealed_ms IS NOT NULL AND anchored_ms IS NULL AND sealed_ms + $d <= $now";
                update.Parameters.AddWithValue("$d", delayMs);
                update.Parameters.AddWithValue("$now", nowMs);
                update.ExecuteNonQuery();
            }

            return due;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _findKey.Dispose();
            _insertRecord.Dispose();
            _upsertKey.Dispose();
            _db.Dispose();
        }
    }

    private IngestResult Insert(IncomingRecord record, long nowMs, SqliteTransaction tx)
    {
        var open = _open ??= NewBatch(nowMs, tx);
        var p = _insertRecord.Parameters;
        _insertRecord.Transaction = tx;
        p["$t"].Value = record.TenantId;
        p["$d"].Value = record.Database;
        p["$c"].Value = record.Collection;
        p["$r"].Value = record.RecordId;
        p["$v"].Value = record.RecordVersion;
        p["$cl"].Value = (object?)record.ClientId ?? DBNull.Value;
        p["$op"].Value = (object?)record.OperationType ?? DBNull.Value;
        p["$ts"].Value = (object?)record.SourceTimestamp ?? DBNull.Value;
        p["$k"].Value = (object?)record.IdempotencyKey ?? DBNull.Value;
        p["$p"].Value = record.PayloadJson;
        p["$h"].Value = record.RecordHash;
        p["$a"].Value = nowMs;
        p["$b"].Value = open.Id;
        _insertRecord.ExecuteScalar();
        open.Hashes.Add(record.RecordHash);
        if (record.IdempotencyKey is { } key)
        {
            var k = _upsertKey.Parameters;
            _upsertKey.Transaction = tx;
            k["$t"].Value = record.TenantId;
            k["$k"].Value = key;
            k["$r"].Value = record.RecordId;
            k["$h"].Value = record.RecordHash;
            k["$a"].Value = nowMs;
            _upsertKey.ExecuteNonQuery();
        }

        if (open.Hashes.Count >= _options.MaxBatchSize)
        {
            Seal(open, nowMs, tx);
        }

        return new IngestResult(record.RecordId, record.RecordHash, record.TenantId, DateTimeOffset.FromUnixTimeMilliseconds(nowMs), false);
    }

    private OpenBatch NewBatch(long nowMs, SqliteTransaction tx)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO batches (opened_ms, first_seq) VALUES ($o, (SELECT COALESCE(MAX(seq), 0) + 1 FROM records)) RETURNING id, first_seq";
        cmd.Parameters.AddWithValue("$o", nowMs);
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return new OpenBatch(reader.GetInt64(0), reader.GetInt64(1), nowMs, []);
    }

    private void Seal(OpenBatch open, long nowMs, SqliteTransaction tx)
    {
        var tree = MerkleTree.FromRecordHashes(open.Hashes);
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "UPDATE batches SET sealed_ms = $s, tree_size = $n, merkle_root = $root WHERE id = $id";
        cmd.Parameters.AddWithValue("$s", nowMs);
        cmd.Parameters.AddWithValue("$n", tree.Size);
        cmd.Parameters.AddWithValue("$root", tree.RootHex);
        cmd.Parameters.AddWithValue("$id", open.Id);
        cmd.ExecuteNonQuery();
        Cache(open.Id, tree);
        _open = null;
        CertyoSandboxLog.BatchSealed(_logger, open.Id, tree.Size, tree.RootHex);
    }

    private void LoadOpenBatch()
    {
        _open = null;
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id, first_seq, opened_ms FROM batches WHERE sealed_ms IS NULL ORDER BY id LIMIT 1";
        using var reader = cmd.ExecuteReader();
        if (reader.Read())
        {
            var open = new OpenBatch(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), []);
            open.Hashes.AddRange(BatchHashes(open.FirstSeq, long.MaxValue));
            _open = open;
        }
    }

    private List<string> BatchHashes(long firstSeq, long endSeq)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT record_hash FROM records WHERE seq >= $f AND seq < $e ORDER BY seq";
        cmd.Parameters.AddWithValue("$f", firstSeq);
        cmd.Parameters.AddWithValue("$e", endSeq);
        using var reader = cmd.ExecuteReader();
        var hashes = new List<string>();
        while (reader.Read())
        {
            hashes.Add(reader.GetString(0));
        }

        return hashes;
    }

    private void Cache(long batchId, MerkleTree tree)
    {
        if (_trees.TryAdd(batchId, tree))
        {
            _treeOrder.Enqueue(batchId);
            if (_treeOrder.Count > TreeCacheSize)
            {
                _trees.Remove(_treeOrder.Dequeue());
            }
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            cmd.Parameters.Add(new SqliteParameter(name, null));
        }

        return cmd;
    }

    private sealed record OpenBatch(long Id, long FirstSeq, long OpenedMs, List<string> Hashes);
}
