namespace CertyoOdoo.Web.Hosting;

/// <summary><c>Storage</c>: where the ledger and Hangfire keep their state.</summary>
internal sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c> (uses <c>ConnectionStrings:Ledger</c>).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite ledger file (relative to the content root unless absolute).</summary>
    public string SqlitePath { get; set; } = "data/certyo-ledger.db";

    /// <summary>SQLite file of Hangfire's embedded storage.</summary>
    public string HangfireSqlitePath { get; set; } = "data/certyo-hangfire.db";

    /// <summary>PostgreSQL schema of Hangfire's tables.</summary>
    public string HangfireSchema { get; set; } = "hangfire";

    /// <summary>Create or migrate the ledger and Hangfire schemas at start (turn off when deploy runs them as a step).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary><c>ConnectionStrings:Ledger</c>, copied here at bind time; required for postgres.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);
}
