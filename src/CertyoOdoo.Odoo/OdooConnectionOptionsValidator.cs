using Microsoft.Extensions.Options;

namespace CertyoOdoo.Odoo;

/// <summary>Checks <see cref="OdooConnectionOptions"/> at start (use with ValidateOnStart). Never echoes the API key.</summary>
public sealed class OdooConnectionOptionsValidator : IValidateOptions<OdooConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, OdooConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Url must be an absolute http(s) URL of the Odoo server.");
        }

        if (string.IsNullOrWhiteSpace(options.Database) && options.Protocol != OdooProtocol.Json2)
        {
            failures.Add("Database is required for XML-RPC and JSON-RPC (and for Auto, which may pick them).");
        }

        if (string.IsNullOrWhiteSpace(options.Login))
        {
            failures.Add("Login is required.");
        }

        if (string.IsNullOrEmpty(options.ApiKey))
        {
            failures.Add("ApiKey is required.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Timeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
