using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Odoo;

/// <summary>
/// One Odoo database over XML-RPC, JSON-RPC or JSON-2 (chosen by <see cref="OdooConnectionOptions.Protocol"/>;
/// Auto reads the server version once). Values come back as Odoo sends them (see <see cref="Values.OdooValues"/>);
/// failures throw <see cref="Errors.OdooException"/> subclasses. Calls are never retried here: Odoo calls
/// are not idempotent in general, so the caller retries its unit of work when <see cref="Errors.OdooException.IsTransient"/>.
/// </summary>
public interface IOdooClient
{
    /// <summary>HTTP calls made so far by this client (version, authenticate and fields_get included).</summary>
    long CallCount { get; }

    /// <summary>The server version (read once, then cached).</summary>
    Task<OdooServerVersion> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The protocol in use: the configured one, or for Auto JSON-2 on 19+ and JSON-RPC before.</summary>
    Task<OdooProtocol> GetProtocolAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the login and API key and answers the uid (cached). Throws <see cref="Errors.OdooAccessDeniedException"/> when refused.</summary>
    Task<int> AuthenticateAsync(CancellationToken cancellationToken = default);

    /// <summary>The model's fields (cached per model). Throws <see cref="Errors.OdooUnknownModelException"/> when the model is not installed.</summary>
    Task<IReadOnlyDictionary<string, OdooField>> GetFieldsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>False when the model is not installed (e.g. quality.check on Community). Cached.</summary>
    Task<bool> ModelExistsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached fields of <paramref name="model"/> (after creating fields).</summary>
    void InvalidateFields(string model);

    /// <summary><c>search</c>: ids matching <paramref name="domain"/>.</summary>
    Task<IReadOnlyList<int>> SearchAsync(string model, JsonArray domain, int offset = 0, int? limit = null, string? order = null, CancellationToken cancellationToken = default);

    /// <summary><c>search_read</c>: a JSON array of records (each with <c>id</c>).</summary>
    Task<JsonElement> SearchReadAsync(string model, JsonArray domain, IReadOnlyList<string> fields, int offset = 0, int? limit = null, string? order = null, CancellationToken cancellationToken = default);

    /// <summary>All records matching <paramref name="domain"/>, <paramref name="pageSize"/> per call (offset paging; give a stable order).</summary>
    IAsyncEnumerable<JsonElement> SearchReadAllAsync(string model, JsonArray domain, IReadOnlyList<string> fields, int pageSize = 500, string order = "id", CancellationToken cancellationToken = default);

    /// <summary><c>read</c>: a JSON array of records; ids that do not exist are left out.</summary>
    Task<JsonElement> ReadAsync(string model, IReadOnlyCollection<int> ids, IReadOnlyList<string> fields, CancellationToken cancellationToken = default);

    /// <summary><c>search_count</c>.</summary>
    Task<int> SearchCountAsync(string model, JsonArray domain, CancellationToken cancellationToken = default);

    /// <summary><c>write</c>: the same <paramref name="values"/> on every id.</summary>
    Task WriteAsync(string model, IReadOnlyCollection<int> ids, JsonObject values, CancellationToken cancellationToken = default);

    /// <summary><c>create</c> of one record; answers its id.</summary>
    Task<int> CreateAsync(string model, JsonObject values, CancellationToken cancellationToken = default);

    /// <summary><c>create</c> of many records in one call; answers their ids in order.</summary>
    Task<IReadOnlyList<int>> CreateManyAsync(string model, IReadOnlyList<JsonObject> values, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>load</c>: different values for many records in one call. <paramref name="fields"/> may start with
    /// <c>.id</c> (database id, to update); rows hold the values as strings (null → empty; datetimes
    /// as <c>yyyy-MM-dd HH:mm:ss</c> UTC: the call sets the context time zone to UTC).
    /// Throws <see cref="Errors.OdooLoadException"/> when Odoo answers error messages (then nothing was written).
    /// </summary>
    Task<IReadOnlyList<int>> LoadAsync(string model, IReadOnlyList<string> fields, IReadOnlyList<IReadOnlyList<string?>> rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// Any model method, execute_kw style. On JSON-2 the arguments must be named (<paramref name="kwargs"/>);
    /// <paramref name="args"/> may then only hold the record ids.
    /// </summary>
    Task<JsonElement> CallAsync(string model, string method, JsonArray? args = null, JsonObject? kwargs = null, CancellationToken cancellationToken = default);
}
