using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CertyoOdoo.Certyo.Contracts;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace CertyoOdoo.Certyo.Client;

/// <summary>
/// Typed HttpClient for Certyo's four calls. Every attempt carries X-API-Key (never logged); transient failures are
/// retried inside (<see cref="CertyoResilience"/>); what escapes is a <see cref="CertyoException"/> subclass.
/// One instance per tenant is fine: construct it with that tenant's options.
/// </summary>
public sealed partial class CertyoClient : ICertyoClient
{
    private const string ApiKeyHeader = "X-API-Key";
    private const int MaxErrorBodyChars = 64 * 1024;

    // Certyo may add or drop optional fields: unknown ones are ignored and "required" ones may be missing.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers = { static info => { foreach (var p in info.Properties) { p.IsRequired = false; } } },
        },
    };

    private readonly HttpClient _http;
    private readonly CertyoClientOptions _options;
    private readonly ILogger<CertyoClient> _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates a client; <paramref name="http"/> gets its BaseAddress from the options when it has none.</summary>
    public CertyoClient(HttpClient http, CertyoClientOptions options, TimeProvider timeProvider, ILogger<CertyoClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException("Certyo options need an API key.", nameof(options));
        }

        if (http.BaseAddress is null)
        {
            var baseUrl = options.BaseUrl ?? throw new ArgumentException("Certyo options need a BaseUrl.", nameof(options));
            http.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        }

        _http = http;
        _options = options;
        _logger = logger;
        _pipeline = CertyoResilience.Build(options, timeProvider, logger);
    }

    /// <inheritdoc />
    public async Task<IngestResult> IngestAsync(CertyoRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckRecords([record]);
        var scope = new Scope([record], 0, []);
        var body = JsonSerializer.SerializeToUtf8Bytes(record, Json);
        using var response = await SendAsync("ingest", HttpMethod.Post, "api/v1/records", body, scope, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "ingest", scope, cancellationToken);
        }

        var result = await ReadAsync<IngestResult>(response, "ingest", scope, cancellationToken);
        return Normalize(result, record);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IngestResult>> IngestBulkAsync(IReadOnlyList<CertyoRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        CheckRecords(records);
        var results = new List<IngestResult>(records.Count);
        var size = Math.Clamp(_options.BulkChunkSize, 1, 1000);
        var chunks = (records.Count + size - 1) / size;
        for (var c = 0; c < chunks; c++)
        {
            var offset = c * size;
            var chunk = new CertyoRecord[Math.Min(size, records.Count - offset)];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = records[offset + i];
            }

            var scope = new Scope(chunk, offset, results.ToArray());
            var body = JsonSerializer.SerializeToUtf8Bytes(chunk, Json);
            using var response = await SendAsync("bulk ingest", HttpMethod.Post, "api/v1/records/bulk", body, scope, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw await FailureAsync(response, "bulk ingest", scope, cancellationToken);
            }

            var answers = await ReadListAsync<IngestResult>(response, "bulk ingest", scope, cancellationToken);
            if (answers.Count != chunk.Length)
            {
                throw Protocol($"Certyo answered {answers.Count} results for a bulk of {chunk.Length} (records {offset}..{offset + chunk.Length - 1}).", scope);
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                var answer = Normalize(answers[i], chunk[i]);
                if (!string.Equals(answer.RecordId, chunk[i].RecordId, StringComparison.Ordinal))
                {
                    throw Protocol($"Certyo's bulk answer {offset + i} is for record '{answer.RecordId}', expected '{chunk[i].RecordId}'.", scope);
                }

                results.Add(answer);
            }

            CertyoClientLog.ChunkAccepted(_logger, c + 1, chunks, chunk.Length);
        }

        return results;
    }

    /// <inheritdoc />
    public async Task<VerifyResult?> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Json);
        using var response = await SendAsync("verify", HttpMethod.Post, "api/v1/verify/record", body, Scope.None, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "verify", Scope.None, cancellationToken);
        }

        return await ReadAsync<VerifyResult>(response, "verify", Scope.None, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredRecord>> QueryAsync(CertyoQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new StringBuilder("api/v1/records?tenantId=").Append(Uri.EscapeDataString(query.TenantId));
        Append(url, "database", query.Database);
        Append(url, "collection", query.Collection);
        Append(url, "recordId", query.RecordId);
        Append(url, "limit", query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(url, "offset", query.Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await SendAsync("query", HttpMethod.Get, url.ToString(), null, Scope.None, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, "query", Scope.None, cancellationToken);
        }

        return await ReadListAsync<StoredRecord>(response, "query", Scope.None, cancellationToken);
    }

    private static void CheckRecords(IReadOnlyList<CertyoRecord> records)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"Record {i} is null.", nameof(records));
            if (string.IsNullOrWhiteSpace(record.IdempotencyKey))
            {
                // Retrying a POST is only safe with a key: refuse before any HTTP.
                throw new ArgumentException($"Record {i} ('{record.RecordId}') has no idempotency key; Certyo calls are retried, so every record needs one.", nameof(records));
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string operation, HttpMethod method, string path, byte[]? body, Scope scope, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CertyoResilience.Operation, operation);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        using var request = new HttpRequestMessage(state.method, state.path);
                        request.Headers.TryAddWithoutValidation(ApiKeyHeader, state.self._options.ApiKey);
                        if (state.body is not null)
                        {
                            request.Content = new ByteArrayContent(state.body);
                            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                        }

                        var response = await state.self._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<HttpResponseMessage>(e);
                    }
                },
                context,
                (self: this, method, path, body));

            if (outcome.Exception is { } exception)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var reason = exception switch
                {
                    TimeoutRejectedException => $"no answer within the time budget ({_options.TotalTimeout.TotalSeconds:0.#} s total, {_options.AttemptTimeout.TotalSeconds:0.#} s per attempt)",
                    HttpRequestException http => $"connection failed after retries: {Sanitize(http.Message)}",
                    _ => $"{exception.GetType().Name}: {Sanitize(exception.Message)}",
                };
                CertyoClientLog.GaveUp(_logger, operation, reason);
                throw Build<CertyoTransientException>($"Certyo {operation} failed: {reason}.", scope, scope.AllFailed(), new Dictionary<int, string>(), null, true);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, Scope scope, CancellationToken cancellationToken)
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(await response.Content.ReadAsStreamAsync(cancellationToken), Json, cancellationToken);
            return value ?? throw Protocol($"Certyo {operation} answered an empty body.", scope);
        }
        catch (JsonException e)
        {
            throw Protocol($"Certyo {operation} answered unreadable JSON: {e.Message}", scope);
        }
    }

    private async Task<IReadOnlyList<T>> ReadListAsync<T>(HttpResponseMessage response, string operation, Scope scope, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            var array = doc.RootElement;
            if (array.ValueKind == JsonValueKind.Object)
            {
                // Tolerate a wrapped list ({"items": [...]}, {"results": [...]}, ...).
                array = array.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw Protocol($"Certyo {operation} answered no list.", scope);
            }

            return array.Deserialize<List<T>>(Json) ?? [];
        }
        catch (JsonException e)
        {
            throw Protocol($"Certyo {operation} answered unreadable JSON: {e.Message}", scope);
        }
    }

    private static IngestResult Normalize(IngestResult result, CertyoRecord record) => result with
    {
        RecordId = string.IsNullOrEmpty(result.RecordId) ? record.RecordId : result.RecordId,
        TenantId = string.IsNullOrEmpty(result.TenantId) ? record.TenantId : result.TenantId,
        RecordHash = result.RecordHash ?? "",
    };

    private static void Append(StringBuilder url, string name, string? value)
    {
        if (value is not null)
        {
            url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    /// <summary>The records a call carries: their offset in the caller's list and what earlier chunks returned.</summary>
    private sealed record Scope(IReadOnlyList<CertyoRecord> Records, int Offset, IReadOnlyList<IngestResult> Completed)
    {
        public static readonly Scope None = new([], 0, []);

        public Dictionary<int, string> AllFailed()
        {
            var failed = new Dictionary<int, string>(Records.Count);
            for (var i = 0; i < Records.Count; i++)
            {
                failed[Offset + i] = Records[i].RecordId;
            }

            return failed;
        }
    }
}
