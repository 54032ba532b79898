using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CertyoOdoo.Certyo.Client;

/// <summary>
/// The retry policy of Certyo calls: total budget, then retries (exponential backoff with full jitter, or the
/// server's Retry-After), then a per-attempt timeout. POSTs are retried because every record carries an idempotency key.
/// </summary>
internal static class CertyoResilience
{
    /// <summary>Name of the call, for log lines.</summary>
    public static readonly ResiliencePropertyKey<string> Operation = new("certyo.operation");

    public static ResiliencePipeline<HttpResponseMessage> Build(CertyoClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalTimeout });
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(options, timeProvider, args.Outcome.Result, args.AttemptNumber)),
                OnRetry = args =>
                {
                    var operation = args.Context.Properties.GetValue(Operation, "call");
                    CertyoClientLog.RetryScheduled(logger, operation, args.AttemptNumber + 1, Describe(args.Outcome), (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        return builder.Build();
    }

    /// <summary>408, 429, 5xx, per-attempt timeouts and connection failures; never 400/401/403/404/409/413.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: TimeoutRejectedException } => true,
        { Exception: TaskCanceledException { InnerException: TimeoutException } } => true, // HttpClient.Timeout
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Retry-After when the server sent one, else full jitter: uniform in [0, min(max, base * 2^attempt)].</summary>
    public static TimeSpan Delay(CertyoClientOptions options, TimeProvider timeProvider, HttpResponseMessage? response, int attempt)
    {
        var retryAfter = RetryAfter(response, timeProvider);
        if (retryAfter is { } honoured)
        {
            return honoured;
        }

        var ceiling = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        ceiling = Math.Min(ceiling, options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    /// <summary>The Retry-After header as a delay (delta seconds or an HTTP date); null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.GetType().Name ?? "unknown";
}
