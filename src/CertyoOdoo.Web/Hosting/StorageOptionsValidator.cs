using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        var provider = options.Provider.Trim().ToLowerInvariant();
        if (provider is not ("sqlite" or "postgres" or "postgresql"))
        {
            errors.Add($"Storage:Provider must be sqlite or postgres (got '{options.Provider}').");
        }
        else if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("ConnectionStrings:Ledger is required when Storage:Provider is postgres (an Npgsql connection string, e.g. Host=db;Database=certyo;Username=certyo;Password=...).");
        }
        else if (!options.IsPostgres && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add("Storage:SqlitePath is required when Storage:Provider is sqlite.");
        }

        if (!options.IsPostgres && string.IsNullOrWhiteSpace(options.HangfireSqlitePath))
        {
            errors.Add("Storage:HangfireSqlitePath is required when Storage:Provider is sqlite.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
