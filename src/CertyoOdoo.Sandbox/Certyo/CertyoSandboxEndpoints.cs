using System.Text.Json;
using CertyoOdoo.Certyo.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Certyo's four endpoints as certyo-api.md fixes them.</summary>
internal static class CertyoSandboxEndpoints
{
    private const int MaxBulkRecords = 1000;
    private const int MaxBulkBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapCertyoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Certyo").AddEndpointFilter<CertyoSandboxGate>();
        group.MapPost("/records", IngestOneAsync).WithName("CertyoIngest").Accepts<CertyoRecord>("application/json")
            .WithSummary("Ingest one record").WithDescription("Answers 202 with the recordHash; replays the first answer for a known idempotency key, 409 when the key was used for another record.");
        group.MapPost("/records/bulk", IngestBulkAsync).WithName("CertyoIngestBulk").Accepts<CertyoRecord[]>("application/json")
            .WithSummary("Ingest up to 1,000 records, all or nothing").WithDescription("Answers 202 with one result per record in request order; 400/409 name the failing indexes in errors.");
        group.MapPost("/verify/record", VerifyAsync).WithName("CertyoVerify").Accepts<VerifyRequest>("application/json")
            .WithSummary("Is this record anchored?").WithDescription("Status pending, batched or anchored, with the RFC 6962 proof once batched; verified is true once anchored. 404 for an unknown record.");
        group.MapGet("/records", Query).WithName("CertyoQuery")
            .WithSummary("Query stored records").WithDescription("Filters: tenantId (required), database, collection, recordId; limit 1..1000 (default 100), offset.");
        return group;
    }

    private static async Task<Results<Accepted<IngestResult>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> IngestOneAsync(
        HttpContext http, CertyoSandboxStore store, SandboxFaults faults, CancellationToken cancellationToken)
    {
        var (document, invalid, tooLarge) = await CertyoSandboxBody.ReadAsync(http.Request, IncomingRecord.MaxRecordBytes, cancellationToken);
        if (document is null)
        {
            return invalid is not null ? invalid : tooLarge!;
        }

        using (document)
        {
            var errors = new Dictionary<string, string[]>();
            var record = IncomingRecord.Parse(document.RootElement, "", errors);
            if (record is null)
            {
                return CertyoSandboxBody.Invalid(errors);
            }

            var outcome = store.Ingest([record]);
            if (outcome.Conflicts is { } conflicts)
            {
                return CertyoSandboxBody.Conflict(conflicts);
            }

            return Answer(http, faults, outcome.Answers![0]);
        }
    }

    private static async Task<Results<Accepted<IngestResult[]>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> IngestBulkAsync(
        HttpContext http, CertyoSandboxStore store, SandboxFaults faults, CancellationToken cancellationToken)
    {
        var (document, invalid, tooLarge) = await CertyoSandboxBody.ReadAsync(http.Request, MaxBulkBytes, cancellationToken);
        if (document is null)
        {
            return invalid is not null ? invalid : tooLarge!;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return CertyoSandboxBody.Invalid("body", "must be a JSON array of records.");
            }

            var count = root.GetArrayLength();
            if (count is 0 or > MaxBulkRecords)
            {
                return CertyoSandboxBody.Invalid("body", $"must hold 1 to {MaxBulkRecords} records (got {count}).");
            }

            var oversized = new Dictionary<string, string[]>();
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (IncomingRecord.RawSize(element) > IncomingRecord.MaxRecordBytes)
                {
                    oversized[$"[{index}]"] = ["record over 1 MiB."];
                }

                index++;
            }

            if (oversized.Count > 0)
            {
                return CertyoSandboxBody.TooLarge(MaxBulkBytes, new Dictionary<string, object?> { ["errors"] = oversized });
            }

            var errors = new Dictionary<string, string[]>();
            var records = new List<IncomingRecord>(count);
            index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (IncomingRecord.Parse(element, $"[{index}].", errors) is { } record)
                {
                    records.Add(record);
                }

                index++;
            }

            if (errors.Count > 0)
            {
                return CertyoSandboxBody.Invalid(errors);
            }

            var outcome = store.Ingest(records);
            if (outcome.Conflicts is { } conflicts)
            {
                return CertyoSandboxBody.Conflict(conflicts);
            }

            return Answer(http, faults, outcome.Answers!);
        }
    }

    private static async Task<Results<Ok<SandboxVerifyAnswer>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        HttpContext http, CertyoSandboxStore store, CancellationToken cancellationToken)
    {
        var (document, invalid, tooLarge) = await CertyoSandboxBody.ReadAsync(http.Request, 64 * 1024, cancellationToken);
        if (document is null)
        {
            return invalid is not null ? invalid : tooLarge!;
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new Dictionary<string, string[]>();
            var tenantId = Field(root, "tenantId", errors);
            var database = Field(root, "database", errors);
            var collection = Field(root, "collection", errors);
            var recordId = Field(root, "recordId", errors);
            var version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("recordVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (errors.Count > 0)
            {
                return CertyoSandboxBody.Invalid(errors);
            }

            var answer = store.Verify(tenantId!, database!, collection!, recordId!, version);
            return answer is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No such record.")
                : TypedResults.Ok(answer);
        }
    }

    private static Results<Ok<List<StoredRecord>>, ValidationProblem> Query(
        CertyoSandboxStore store, string? tenantId, string? database, string? collection, string? recordId, int? limit, int? offset)
    {
        if (string.IsNullOrWhiteSpace(tenantId))
        {
            return CertyoSandboxBody.Invalid("tenantId", "is required.");
        }

        if (limit is < 1 or > 1000 || offset is < 0)
        {
            return CertyoSandboxBody.Invalid("limit", "limit must be 1..1000 and offset at least 0.");
        }

        return TypedResults.Ok(store.Query(tenantId, database, collection, recordId, limit ?? 100, offset ?? 0));
    }

    private static Results<Accepted<T>, ValidationProblem, ProblemHttpResult, EmptyHttpResult> Answer<T>(HttpContext http, SandboxFaults faults, T value)
    {
        if (faults.DropAfterAccept())
        {
            // Stored, but the client never hears it: its retry must get a replay.
            http.Items[CertyoSandboxGate.DroppedItem] = true;
            http.Abort();
            return TypedResults.Empty;
        }

        return TypedResults.Accepted((string?)null, value);
    }

    private static string? Field(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        errors[name] = ["is required."];
        return null;
    }
}
