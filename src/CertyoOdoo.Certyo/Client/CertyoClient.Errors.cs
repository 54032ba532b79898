using System.Net;

namespace CertyoOdoo.Certyo.Client;

/// <summary>Turning Certyo's refusals into typed exceptions that name the records concerned (never the API key).</summary>
public sealed partial class CertyoClient
{
    private async Task<CertyoException> FailureAsync(HttpResponseMessage response, string operation, Scope scope, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = CertyoProblem.Parse(text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] : text);
        var status = response.StatusCode;
        var failed = new Dictionary<int, string>();
        var reasons = new Dictionary<int, string>();
        var indexed = status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict && problem.ErrorsByIndex.Count > 0 && scope.Records.Count > 0;
        if (indexed)
        {
            foreach (var (index, reason) in problem.ErrorsByIndex)
            {
                if (index >= 0 && index < scope.Records.Count)
                {
                    failed[scope.Offset + index] = scope.Records[index].RecordId;
                    reasons[scope.Offset + index] = Sanitize(reason);
                }
            }
        }

        if (failed.Count == 0)
        {
            failed = scope.AllFailed();
        }

        var message = $"Certyo {operation} refused: {Sanitize(problem.Describe(status))}";
        if (reasons.Count > 0)
        {
            message += ". Failing records: " + string.Join(", ", reasons.OrderBy(r => r.Key).Take(10).Select(r => $"[{r.Key}] {failed[r.Key]}: {r.Value}"));
        }
        else if (failed.Count > 0)
        {
            message += $". Records {failed.Keys.Min()}..{failed.Keys.Max()} ({failed.Count}) not accepted";
        }

        var transient = CertyoResilience.IsTransient(status);
        CertyoClientLog.GaveUp(_logger, operation, $"HTTP {(int)status}");
        return status switch
        {
            HttpStatusCode.BadRequest => Build<CertyoValidationException>(message, scope, failed, reasons, status, false),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Build<CertyoAuthenticationException>(message, scope, failed, reasons, status, false),
            HttpStatusCode.Conflict => Build<CertyoConflictException>(message, scope, failed, reasons, status, false),
            HttpStatusCode.RequestEntityTooLarge => Build<CertyoPayloadTooLargeException>(message, scope, failed, reasons, status, false),
            _ when transient => Build<CertyoTransientException>(message, scope, failed, reasons, status, true),
            _ => Build<CertyoException>(message, scope, failed, reasons, status, false),
        };
    }

    private static CertyoException Build<T>(string message, Scope scope, Dictionary<int, string> failed, Dictionary<int, string> reasons, HttpStatusCode? status, bool transient)
        where T : CertyoException
    {
        var code = (int?)status;
        var type = typeof(T);
        // Init-only members need the concrete type at compile time, hence one arm per error type.
        if (type == typeof(CertyoValidationException))
        {
            return new CertyoValidationException(message) { StatusCode = code, IsTransient = transient, FailedRecords = failed, FailureReasons = reasons, CompletedResults = scope.Completed };
        }

        if (type == typeof(CertyoAuthenticationException))
        {
            return new CertyoAuthenticationException(message) { StatusCode = code, IsTransient = transient, FailedRecords = failed, FailureReasons = reasons, CompletedResults = scope.Completed };
        }

        if (type == typeof(CertyoConflictException))
        {
            return new CertyoConflictException(message) { StatusCode = code, IsTransient = transient, FailedRecords = failed, FailureReasons = reasons, CompletedResults = scope.Completed };
        }

        if (type == typeof(CertyoPayloadTooLargeException))
        {
            return new CertyoPayloadTooLargeException(message) { StatusCode = code, IsTransient = transient, FailedRecords = failed, FailureReasons = reasons, CompletedResults = scope.Completed };
        }

        if (type == typeof(CertyoTransientException))
        {
            return new CertyoTransientException(message) { StatusCode = code, IsTransient = transient, FailedRecords = failed, FailureReasons = reasons, CompletedResults = scope.Completed };
        }

        return new CertyoException(message) { StatusCode = code, IsTransient = transient, FailedRecords = failed, FailureReasons = reasons, CompletedResults = scope.Completed };
    }

    private CertyoException Protocol(string message, Scope scope) => new(Sanitize(message)) { FailedRecords = scope.AllFailed(), CompletedResults = scope.Completed };

    private string Sanitize(string text) => text.Replace(_options.ApiKey, "***", StringComparison.Ordinal);
}
