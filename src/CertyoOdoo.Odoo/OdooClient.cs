using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.Errors;
using CertyoOdoo.Odoo.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertyoOdoo.Odoo;

/// <summary>The <see cref="IOdooClient"/> implementation: one per tenant database. Thread-safe.</summary>
public sealed partial class OdooClient : IOdooClient, IDisposable
{
    private static readonly JsonArray FieldAttributes = ["string", "type", "relation", "required", "readonly", "selection", "store"];

    private readonly OdooHttp _http;
    private readonly OdooConnectionOptions _options;
    private readonly SecretScrubber _scrubber;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _init = new(1, 1);
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, OdooField>> _fields = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _absentModels = new(StringComparer.Ordinal);
    private OdooServerVersion? _version;
    private IOdooTransport? _transport;
    private int _uid;
    private long _calls;

    private OdooClient(HttpClient httpClient, OdooConnectionOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _http = new OdooHttp(httpClient, options, timeProvider);
        _scrubber = new SecretScrubber(options.ApiKey);
    }

    /// <summary>Builds a client for one Odoo database. The HttpClient is not disposed by the client.</summary>
    /// <exception cref="ArgumentException">The options lack the URL, login or API key.</exception>
    public static OdooClient Create(HttpClient httpClient, OdooConnectionOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Url is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("OdooConnectionOptions.Url must be an absolute URL.", nameof(options));
        }

        if (string.IsNullOrEmpty(options.Login) || string.IsNullOrEmpty(options.ApiKey))
        {
            throw new ArgumentException("OdooConnectionOptions.Login and ApiKey are required.", nameof(options));
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<OdooClient>();
        return new OdooClient(httpClient, options, timeProvider ?? TimeProvider.System, logger);
    }

    /// <inheritdoc />
    public long CallCount => Interlocked.Read(ref _calls);

    /// <inheritdoc />
    public async Task<OdooServerVersion> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        if (_version is { } known)
        {
            return known;
        }

        await _init.WaitAsync(cancellationToken);
        try
        {
            return _version ??= await ReadVersionAsync(cancellationToken);
        }
        finally
        {
            _init.Release();
        }
    }

    /// <inheritdoc />
    public async Task<OdooProtocol> GetProtocolAsync(CancellationToken cancellationToken = default) =>
        (await TransportAsync(cancellationToken)).Protocol;

    /// <inheritdoc />
    public async Task<int> AuthenticateAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _uid) is var uid and > 0)
        {
            return uid;
        }

        var transport = await TransportAsync(cancellationToken);
        uid = await TimedAsync(transport, "common", "authenticate", () => transport.AuthenticateAsync(cancellationToken));
        Volatile.Write(ref _uid, uid);
        OdooLog.Authenticated(_logger, _options.Database, uid);
        return uid;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, OdooField>> GetFieldsAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (_fields.TryGetValue(model, out var cached))
        {
            return cached;
        }

        var result = await ExecuteAsync(OdooCall.Create(model, "fields_get", null, ("attributes", FieldAttributes.DeepClone(), false)), cancellationToken);
        var fields = ParseFields(result);
        _fields[model] = fields;
        _absentModels.TryRemove(model, out _);
        return fields;
    }

    /// <inheritdoc />
    public async Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default)
    {
        if (_absentModels.ContainsKey(model))
        {
            return false;
        }

        try
        {
            await GetFieldsAsync(model, cancellationToken);
            return true;
        }
        catch (OdooUnknownModelException)
        {
            _absentModels[model] = true;
            OdooLog.ModelAbsent(_logger, model);
            return false;
        }
    }

    /// <inheritdoc />
    public void InvalidateFields(string model)
    {
        _fields.TryRemove(model, out _);
        _absentModels.TryRemove(model, out _);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> SearchAsync(string model, JsonArray domain, int offset = 0, int? limit = null, string? order = null, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(OdooCall.Create(model, "search", null, [("domain", domain.DeepClone(), true), .. Paging(offset, limit, order)]), cancellationToken);
        return Values.OdooValues.GetIds(result);
    }

    /// <inheritdoc />
    public Task<JsonElement> SearchReadAsync(string model, JsonArray domain, IReadOnlyList<string> fields, int offset = 0, int? limit = null, string? order = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(OdooCall.Create(model, "search_read", null, [("domain", domain.DeepClone(), true), ("fields", Strings(fields), false), .. Paging(offset, limit, order)]), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<JsonElement> SearchReadAllAsync(string model, JsonArray domain, IReadOnlyList<string> fields, int pageSize = 500, string order = "id", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await SearchReadAsync(model, domain, fields, offset, pageSize, order, cancellationToken);
            var count = 0;
            foreach (var record in page.EnumerateArray())
            {
                count++;
                yield return record;
            }

            if (count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public Task<JsonElement> ReadAsync(string model, IReadOnlyCollection<int> ids, IReadOnlyList<string> fields, CancellationToken cancellationToken = default) =>
        ExecuteAsync(OdooCall.Create(model, "read", ids, ("fields", Strings(fields), false)), cancellationToken);

    /// <inheritdoc />
    public async Task<int> SearchCountAsync(string model, JsonArray domain, CancellationToken cancellationToken = default)
    {
        var result = await ExecuteAsync(OdooCall.Create(model, "search_count", null, ("domain", domain.DeepClone(), true)), cancellationToken);
        return result.GetInt32();
    }

    /// <inheritdoc />
    public Task WriteAsync(string model, IReadOnlyCollection<int> ids, JsonObject values, CancellationToken cancellationToken = default) =>
        ExecuteAsync(OdooCall.Create(model, "write", ids, ("vals", values.DeepClone(), true)), cancellationToken);

    /// <inheritdoc />
    public async Task<int> CreateAsync(string model, JsonObject values, CancellationToken cancellationToken = default)
    {
        var ids = await CreateManyAsync(model, [values], cancellationToken);
        return ids[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> CreateManyAsync(string model, IReadOnlyList<JsonObject> values, CancellationToken cancellationToken = default)
    {
        var list = new JsonArray();
        foreach (var v in values)
        {
            list.Add(v.DeepClone());
        }

        var result = await ExecuteAsync(OdooCall.Create(model, "create", null, ("vals_list", list, true)), cancellationToken);
        return result.ValueKind == JsonValueKind.Number ? [result.GetInt32()] : Values.OdooValues.GetIds(result);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> LoadAsync(string model, IReadOnlyList<string> fields, IReadOnlyList<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default)
    {
        var data = new JsonArray();
        foreach (var row in rows)
        {
            var cells = new JsonArray();
            foreach (var cell in row)
            {
                cells.Add(cell ?? "");
            }

            data.Add(cells);
        }

        // load reads datetimes in the context's (else the user's) time zone; ours are UTC.
        var context = new JsonObject { ["tz"] = "UTC" };
        var result = await ExecuteAsync(OdooCall.Create(model, "load", null, ("fields", Strings(fields), true), ("data", data, true), ("context", context, false)), cancellationToken);
        return LoadResults.Check(result, model, _scrubber);
    }

    /// <inheritdoc />
    public Task<JsonElement> CallAsync(string model, string method, JsonArray? args = null, JsonObject? kwargs = null, CancellationToken cancellationToken = default)
    {
        var named = kwargs is null ? [] : kwargs.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value?.DeepClone())).ToList();
        var call = new OdooCall(model, method, null, [], named) { RawArgs = (JsonArray)(args ?? []).DeepClone() };
        return ExecuteAsync(call, cancellationToken);
    }

    public void Dispose() => _init.Dispose();

    internal async Task<JsonElement> ExecuteAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var transport = await TransportAsync(cancellationToken);
        var uid = transport.Protocol == OdooProtocol.Json2 ? 0 : await AuthenticateAsync(cancellationToken);
        return await TimedAsync(transport, call.Model, call.Method, () => transport.ExecuteAsync(call, uid, cancellationToken));
    }

    private async Task<T> TimedAsync<T>(IOdooTransport transport, string model, string method, Func<Task<T>> call)
    {
        Interlocked.Increment(ref _calls);
        var started = _time.GetTimestamp();
        try
        {
            var result = await call();
            var ms = _time.GetElapsedTime(started).TotalMilliseconds;
            Record(transport.Protocol, model, method, ms, "ok");
            OdooLog.CallCompleted(_logger, transport.Protocol, model, method, ms);
            return result;
        }
        catch (OdooException ex)
        {
            var ms = _time.GetElapsedTime(started).TotalMilliseconds;
            Record(transport.Protocol, model, method, ms, ex.GetType().Name);
            OdooLog.CallFailed(_logger, transport.Protocol, model, method, ms, ex.GetType().Name, ex.IsTransient, ex.Message);
            throw;
        }
    }

    private static void Record(OdooProtocol protocol, string model, string method, double ms, string outcome)
    {
        var tags = new TagList { { "protocol", protocol.ToString() }, { "model", model }, { "method", method }, { "outcome", outcome } };
        OdooMetrics.Calls.Add(1, tags);
        OdooMetrics.Duration.Record(ms, tags);
    }
}
