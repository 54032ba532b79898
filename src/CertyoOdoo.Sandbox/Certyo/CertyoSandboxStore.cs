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
    private readonly SqliteCommand _findKeys;
    private readonly SqliteRowWriter _records;
    private readonly SqliteRowWriter _keys;
    private OpenBatch? _open;
    private long _nextSeq;

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
        // Larger pages and a larger WAL before checkpointing roughly halve the commit cost of a 1,000-record bulk.
        Execute("PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=2000;");
        Execute(Schema);
        _findKeys = Prepare(
            "SELECT idem_key, record_id, record_hash, accepted_ms FROM idempotency WHERE tenant_id = $t AND idem_key IN (SELECT value FROM json_each($keys))",
            "$t", "$keys");
        _records = new SqliteRowWriter(_db, "records",
            ["seq", "tenant_id", "database", "collection", "record_id", "record_version", "client_id", "operation_type", "source_timestamp", "idempotency_key", "payload", "record_hash", "accepted_ms", "batch_id"]);
        _keys = new SqliteRowWriter(_db, "idempotency", ["tenant_id", "idem_key", "record_id", "record_hash", "accepted_ms"], replace: true);
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
            _findKeys.Dispose();
            _records.Dispose();
            _keys.Dispose();
            _db.Dispose();
        }
    }

    private OpenBatch NewBatch(long nowMs, SqliteTransaction tx)
    {
        using var cmd = _db.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO batches (opened_ms, first_seq) VALUES ($o, $f) RETURNING id";
        cmd.Parameters.AddWithValue("$o", nowMs);
        cmd.Parameters.AddWithValue("$f", _nextSeq);
        return new OpenBatch((long)cmd.ExecuteScalar()!, _nextSeq, nowMs, []);
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
        _nextSeq = Scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM records");
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

    private sealed record KnownKey(string RecordId, string RecordHash, long AcceptedMs);

    private sealed record OpenBatch(long Id, long FirstSeq, long OpenedMs, List<string> Hashes);
}
