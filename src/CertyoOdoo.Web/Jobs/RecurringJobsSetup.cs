using CertyoOdoo.Web.Tenants;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Registers the recurring jobs at start (idempotent, so every instance may do it): <c>sweep</c> every
/// SweepInterval and <c>reconcile:{tenant}:{model}</c> every ReconcileInterval for each anchored model.
/// Reconciles of tenants or models no longer configured are removed; each reconcile is triggered once
/// at start, so a service that was down catches up without waiting for the schedule.
/// </summary>
internal sealed partial class RecurringJobsSetup(
    IRecurringJobManager manager,
    JobStorage storage,
    TenantRegistry tenants,
    IOptions<JobOptions> options,
    ILogger<RecurringJobsSetup> logger) : IHostedService
{
    public const string SweepId = "sweep";
    public const string ReconcilePrefix = "reconcile:";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        var sweepCron = CronSchedule.For(options.Value.SweepInterval);
        manager.AddOrUpdate<SweepJob>(SweepId, j => j.RunAsync(CancellationToken.None), sweepCron, utc);

        var reconcileCron = CronSchedule.For(options.Value.ReconcileInterval);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tenant in tenants.Names)
        {
            foreach (var model in tenants.Get(tenant).EnabledModels().Keys)
            {
                var id = ReconcileId(tenant, model);
                wanted.Add(id);
                manager.AddOrUpdate<ReconcileJob>(id, j => j.RunAsync(tenant, model, CancellationToken.None), reconcileCron, utc);
                manager.Trigger(id);
            }
        }

        using (var connection = storage.GetConnection())
        {
            foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(ReconcilePrefix, StringComparison.Ordinal) && !wanted.Contains(id)))
            {
                manager.RemoveIfExists(stale);
                LogRemoved(logger, stale);
            }
        }

        LogScheduled(logger, sweepCron, wanted.Count, reconcileCron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static string ReconcileId(string tenant, string model) => $"{ReconcilePrefix}{tenant}:{model}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs: sweep at '{SweepCron}', {Count} reconcile jobs at '{ReconcileCron}'")]
    private static partial void LogScheduled(ILogger logger, string sweepCron, int count, string reconcileCron);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs: removed {Id} (no longer configured)")]
    private static partial void LogRemoved(ILogger logger, string id);
}
