using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Composition of the ledger: storage options, connections, schema migration at start.</summary>
internal static class LedgerHosting
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure<IConfiguration>((o, configuration) => o.ConnectionString ??= configuration.GetConnectionString("Ledger"))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<LedgerDatabase>();
        services.AddSingleton<LedgerMigrations>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<LedgerCursors>();
        services.AddSingleton<ILedgerAdmin, LedgerAdmin>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<Intake.InboxFolder>();
        // Registered before Hangfire and the dispatcher: hosted services start in order (schema first).
        services.AddHostedService<LedgerStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<Intake.InboxFolder>());
        return builder;
    }

    /// <summary>The deploy step (<c>--migrate</c>): applies the ledger schema and exits.</summary>
    public static async Task<int> MigrateLedgerAsync(this WebApplication app)
    {
        var applied = await app.Services.GetRequiredService<LedgerMigrations>().MigrateAsync(CancellationToken.None);
        Console.WriteLine(applied.Count == 0 ? "Ledger schema is up to date." : $"Applied: {string.Join(", ", applied)}");
        return 0;
    }
}

/// <summary>Creates or migrates the ledger schema before anything else starts (unless turned off).</summary>
internal sealed class LedgerStartup(LedgerMigrations migrations, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrations.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
