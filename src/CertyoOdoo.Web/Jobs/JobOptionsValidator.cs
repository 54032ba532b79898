using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions o)
    {
        var errors = new List<string>();
        Range(errors, "IngestBatchSize", o.IngestBatchSize, 1, 1000);
        Range(errors, "BulkThreshold", o.BulkThreshold, 0, 1000);
        Range(errors, "MaxAttempts", o.MaxAttempts, 1, 1000);
        Range(errors, "VerifyBatchSize", o.VerifyBatchSize, 1, 1000);
        Range(errors, "VerifyParallelism", o.VerifyParallelism, 1, 64);
        Range(errors, "ReconcilePageSize", o.ReconcilePageSize, 1, 5000);
        Range(errors, "ReconcileMaxPages", o.ReconcileMaxPages, 1, 1000);
        Range(errors, "WorkerCount", o.WorkerCount, 1, 64);
        foreach (var (key, value) in new[]
        {
            ("ClaimLease", o.ClaimLease), ("SweepInterval", o.SweepInterval), ("InFlightTimeout", o.InFlightTimeout),
            ("NotDoneRetryDelay", o.NotDoneRetryDelay), ("NotDoneGracePeriod", o.NotDoneGracePeriod),
            ("FailureBackoffBase", o.FailureBackoffBase), ("FailureBackoffMax", o.FailureBackoffMax),
            ("VerifyFirstDelay", o.VerifyFirstDelay), ("VerifyMaxDelay", o.VerifyMaxDelay), ("VerifyGiveUpAfter", o.VerifyGiveUpAfter),
            ("ReconcileInterval", o.ReconcileInterval), ("WriteBackRetryDelay", o.WriteBackRetryDelay), ("QueuePollInterval", o.QueuePollInterval),
            ("SchedulePollingInterval", o.SchedulePollingInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"Jobs:{key} must be a positive duration (e.g. 00:00:30).");
            }
        }

        if (o.IngestCoalesce < TimeSpan.Zero)
        {
            errors.Add("Jobs:IngestCoalesce must not be negative (00:00:00 turns it off).");
        }

        if (o.ReconcileOverlap < TimeSpan.Zero)
        {
            errors.Add("Jobs:ReconcileOverlap must not be negative.");
        }

        if (o.FailureBackoffMax < o.FailureBackoffBase)
        {
            errors.Add("Jobs:FailureBackoffMax must be at least Jobs:FailureBackoffBase.");
        }

        if (o.VerifyMaxDelay < o.VerifyFirstDelay)
        {
            errors.Add("Jobs:VerifyMaxDelay must be at least Jobs:VerifyFirstDelay.");
        }

        if (o.ClaimLease <= o.QueuePollInterval)
        {
            errors.Add("Jobs:ClaimLease must be longer than Jobs:QueuePollInterval.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Jobs:{key} must be between {min} and {max} (got {value}).");
        }
    }
}
