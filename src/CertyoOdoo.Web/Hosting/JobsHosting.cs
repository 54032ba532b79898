using CertyoOdoo.Web.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// Composition of the jobs: Hangfire on PostgreSQL (same database as the ledger, own schema) or on its
/// embedded SQLite store; the dispatcher that enqueues them; the jobs themselves.
/// </summary>
internal static class JobsHosting
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidator>();

        services.AddHangfire((sp, config) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage.IsPostgres)
            {
                config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(storage.ConnectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = storage.HangfireSchema,
                    QueuePollInterval = jobs.QueuePollInterval,
                    PrepareSchemaIfNecessary = storage.MigrateOnStart, // off when deploy/schema ran as a separate step
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                });
            }
            else
            {
                var env = sp.GetRequiredService<IHostEnvironment>();
                var path = Path.IsPathRooted(storage.HangfireSqlitePath) ? storage.HangfireSqlitePath : Path.Combine(env.ContentRootPath, storage.HangfireSqlitePath);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                config.UseSQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = jobs.QueuePollInterval });
            }
        });
        services.AddSingleton<JobDispatcher>();
        services.AddTransient<IngestJob>();
        services.AddTransient<VerifyJob>();
        services.AddTransient<ReconcileJob>();
        services.AddTransient<BackfillJob>();
        services.AddTransient<SweepJob>();
        services.AddSingleton<IBackfillService, BackfillService>();
        services.AddSingleton<IRecordAuditor, RecordAuditor>();
        if (!builder.Configuration.GetValue(JobOptions.SectionName + ":" + nameof(JobOptions.ProcessJobs), true))
        {
            // Intake and API only: the ledger is the hand-over, and the processing instances' sweeps pick it up.
            services.AddSingleton<IWorkSignal, NoWorkSignal>();
            return builder;
        }

        services.AddSingleton<IWorkSignal>(sp => sp.GetRequiredService<JobDispatcher>());

        services.AddHangfireServer((sp, o) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            o.WorkerCount = jobs.WorkerCount;
            o.SchedulePollingInterval = jobs.SchedulePollingInterval;
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddHostedService<RecurringJobsSetup>();
        services.AddHostedService(sp => sp.GetRequiredService<JobDispatcher>());
        return builder;
    }
}
