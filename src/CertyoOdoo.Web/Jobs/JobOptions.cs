namespace CertyoOdoo.Web.Jobs;

/// <summary><c>Jobs</c>: batch sizes and every delay of the pipeline (tests use seconds).</summary>
internal sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Run the Hangfire server and the dispatcher here (false: an intake-only instance).</summary>
    public bool ProcessJobs { get; set; } = true;

    /// <summary>Ledger rows one ingest job claims at most.</summary>
    public int IngestBatchSize { get; set; } = 500;

    /// <summary>More ready records than this go to Certyo in one bulk call.</summary>
    public int BulkThreshold { get; set; } = 10;

    /// <summary>How long a claim keeps other workers off a row (a crashed worker's rows come back after it).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the recurring <c>sweep</c> job looks for due work (lost jobs, retries, verifications) and
    /// folds the webhook inbox. Rounded to a cron schedule: seconds dividing a minute, minutes dividing an hour.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After this, a job the dispatcher enqueued but never heard back from is considered lost.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Ingest runs of one tenant and model start at most this often while notifications trickle in (a
    /// full batch still goes at once): fewer, larger batches cost far less per record than a job per handful.
    /// </summary>
    public TimeSpan IngestCoalesce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A notified record not yet done in Odoo is read again after this.</summary>
    public TimeSpan NotDoneRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A record still not done this long after its first notification is skipped.</summary>
    public TimeSpan NotDoneGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First retry delay after a failure; doubles per attempt up to <see cref="FailureBackoffMax"/>.</summary>
    public TimeSpan FailureBackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan FailureBackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed attempts after which a row is dead (needs a person).</summary>
    public int MaxAttempts { get; set; } = 50;

    /// <summary>First verification this long after ingest (Certyo anchors in 60-90 s).</summary>
    public TimeSpan VerifyFirstDelay { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Cap of the verification backoff (doubling from <see cref="VerifyFirstDelay"/>).</summary>
    public TimeSpan VerifyMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Not anchored this long after ingest: failed in Odoo, dead in the ledger.</summary>
    public TimeSpan VerifyGiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A status write to Odoo still due this long after the row changed is retried by the verify job.</summary>
    public TimeSpan WriteBackRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public int VerifyBatchSize { get; set; } = 200;

    public int VerifyParallelism { get; set; } = 8;

    /// <summary>How often each tenant's models are reconciled against Odoo.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The reconcile cursor is moved back by this much, for transactions that commit late.</summary>
    public TimeSpan ReconcileOverlap { get; set; } = TimeSpan.FromMinutes(10);

    public int ReconcilePageSize { get; set; } = 500;

    /// <summary>Pages one reconcile job reads at most before handing over to the next run.</summary>
    public int ReconcileMaxPages { get; set; } = 20;

    /// <summary>Hangfire workers of this instance.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often Hangfire's storage is polled for new jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often Hangfire looks for due recurring and delayed jobs (the sweep and reconcile schedules).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);
}
