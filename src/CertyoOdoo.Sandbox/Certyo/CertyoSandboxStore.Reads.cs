using System.Text.Json;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Certyo.Merkle;
using Microsoft.Data.Sqlite;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Reads: verify, query and stats.</summary>
internal sealed partial class CertyoSandboxStore
{
    private const string StatusSql = "CASE WHEN b.anchored_ms IS NOT NULL THEN 'anchored' WHEN b.sealed_ms IS NOT NULL THEN 'batched' ELSE 'pending' END";

    /// <summary>The latest stored version of a record (or the given version), with its proof once its batch is sealed.</summary>
    public SandboxVerifyAnswer? Verify(string tenantId, string database, string collection, string recordId, string? recordVersion)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = $"""
                SELECT r.record_version, r.record_hash, r.seq - b.first_seq, b.id, b.tree_size, b.merkle_root, b.anchored_ms, {StatusSql}
                FROM records r JOIN batches b ON b.id = r.batch_id
                WHERE r.tenant_id = $t AND r.database = $d AND r.collection = $c AND r.record_id = $r
                  AND ($v IS NULL OR r.record_version = $v)
                ORDER BY r.seq DESC LIMIT 1
                """;
            cmd.Parameters.AddWithValue("$t", tenantId);
            cmd.Parameters.AddWithValue("$d", database);
            cmd.Parameters.AddWithValue("$c", collection);
            cmd.Parameters.AddWithValue("$r", recordId);
            cmd.Parameters.AddWithValue("$v", (object?)recordVersion ?? DBNull.Value);
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var version = reader.GetString(0);
            var hash = reader.GetString(1);
            var status = reader.GetString(7);
            if (status == "pending")
            {
                return new SandboxVerifyAnswer(false, status, recordId, version, hash, null, null, null, null, null, null, null, null, null);
            }

            var leafIndex = reader.GetInt64(2);
            var batchId = reader.GetInt64(3);
            var treeSize = reader.GetInt64(4);
            var root = reader.GetString(5);
            var tree = Tree(batchId, treeSize);
            var proof = tree.GetAuditPathHex((int)leafIndex);
            if (status == "batched")
            {
                return new SandboxVerifyAnswer(false, status, recordId, version, hash, root, leafIndex, treeSize, proof, null, null, null, null, null);
            }

            var anchoredAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6));
            return new SandboxVerifyAnswer(true, status, recordId, version, hash, root, leafIndex, treeSize, proof,
                AnchorStandIns.IpfsCid(root), AnchorStandIns.PolygonTxHash(root), AnchorStandIns.BlockNumber(root), anchoredAt, AnchorStandIns.Note);
        }
    }

    /// <summary>Stored records matching the filters, in acceptance order.</summary>
    public List<StoredRecord> Query(string tenantId, string? database, string? collection, string? recordId, int limit, int offset)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = $"""
                SELECT r.tenant_id, r.database, r.collection, r.record_id, r.record_version, r.record_hash, r.idempotency_key,
                       r.operation_type, r.source_timestamp, r.accepted_ms, r.payload, {StatusSql}
                FROM records r JOIN batches b ON b.id = r.batch_id
                WHERE r.tenant_id = $t AND ($d IS NULL OR r.database = $d) AND ($c IS NULL OR r.collection = $c) AND ($r IS NULL OR r.record_id = $r)
                ORDER BY r.seq LIMIT $limit OFFSET $offset
                """;
            cmd.Parameters.AddWithValue("$t", tenantId);
            cmd.Parameters.AddWithValue("$d", (object?)database ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$c", (object?)collection ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$r", (object?)recordId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$limit", limit);
            cmd.Parameters.AddWithValue("$offset", offset);
            using var reader = cmd.ExecuteReader();
            var list = new List<StoredRecord>();
            while (reader.Read())
            {
                using var payload = JsonDocument.Parse(reader.GetString(10));
                list.Add(new StoredRecord
                {
                    TenantId = reader.GetString(0),
                    Database = reader.GetString(1),
                    Collection = reader.GetString(2),
                    RecordId = reader.GetString(3),
                    RecordVersion = reader.GetString(4),
                    RecordHash = reader.GetString(5),
                    IdempotencyKey = NullableString(reader, 6),
                    OperationType = NullableString(reader, 7),
                    SourceTimestamp = NullableString(reader, 8),
                    AcceptedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                    RecordPayload = payload.RootElement.Clone(),
                    Status = reader.GetString(11),
                });
            }

            return list;
        }
    }

    /// <summary>Counts for one tenant (all tenants when null); duplicates = (collection, recordId, recordVersion) stored more than once.</summary>
    public SandboxStats Stats(string? tenantId)
    {
        lock (_gate)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                SELECT COUNT(*), COUNT(DISTINCT r.batch_id), COALESCE(SUM(b.anchored_ms IS NOT NULL), 0)
                FROM records r JOIN batches b ON b.id = r.batch_id WHERE ($t IS NULL OR r.tenant_id = $t);
                SELECT COUNT(*) FROM (SELECT 1 FROM records WHERE ($t IS NULL OR tenant_id = $t)
                    GROUP BY tenant_id, database, collection, record_id, record_version HAVING COUNT(*) > 1);
                """;
            cmd.Parameters.AddWithValue("$t", (object?)tenantId ?? DBNull.Value);
            using var reader = cmd.ExecuteReader();
            reader.Read();
            var records = reader.GetInt64(0);
            var batches = reader.GetInt64(1);
            var anchored = reader.GetInt64(2);
            reader.NextResult();
            reader.Read();
            return new SandboxStats(records, batches, anchored, records - anchored, reader.GetInt64(0));
        }
    }

    private MerkleTree Tree(long batchId, long treeSize)
    {
        if (_trees.TryGetValue(batchId, out var tree))
        {
            return tree;
        }

        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT first_seq FROM batches WHERE id = $b";
        cmd.Parameters.AddWithValue("$b", batchId);
        var first = (long)cmd.ExecuteScalar()!;
        tree = MerkleTree.FromRecordHashes(BatchHashes(first, first + treeSize));
        Cache(batchId, tree);
        return tree;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
