namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// Who may open the Hangfire dashboard (<c>Dashboard:*</c>). With no credentials configured it
/// answers local requests only; with them, HTTP basic auth over any network.
/// </summary>
internal sealed class AuthDashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>The administrator (may retry and delete jobs).</summary>
    public string? Username { get; set; }

    /// <summary>Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>Extra users (name → password) who see a read-only dashboard.</summary>
    public Dictionary<string, string> ReadOnlyUsers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Whether local requests without credentials are read-only too (default: full access, as Hangfire's default).</summary>
    public bool LocalReadOnly { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(Username) || ReadOnlyUsers.Count > 0;
}
