using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Intake;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Endpoints;

/// <summary><c>POST /webhooks/odoo/{tenant}</c>: Odoo's notifications, recorded in the ledger before the 202.</summary>
internal static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapPost("/odoo/{tenant}", ReceiveAsync)
            .WithName("ReceiveOdooNotification")
            .WithSummary("Receives an Odoo notification (Certyo module, signed; or Odoo 17+ native webhook, ?token=)")
            .WithDescription("A hint only: the record is re-read from Odoo before anything is sent. Answers 202 once the notification is recorded in the ledger; repeated notifications change nothing.")
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    internal static async Task<Results<Accepted<WebhookAccepted>, ProblemHttpResult>> ReceiveAsync(
        string tenant,
        HttpRequest request,
        TenantRegistry tenants,
        NotificationInbox inbox,
        InboxFolder folder,
        ServiceMetrics metrics,
        IOptions<IntakeOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!tenants.TryGet(tenant, out var name, out var config))
        {
            metrics.NotificationRefused("unknown", "unknown_tenant");
            return Problem(StatusCodes.Status404NotFound, "Unknown tenant", $"No tenant named '{tenant}' is configured.");
        }

        var body = await BodyReader.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            metrics.NotificationRefused(name, "too_large");
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"Notifications are limited to {options.Value.MaxBodyBytes} bytes.");
        }

        var secret = config.Webhook.Secret;
        string? authError;
        if (secret.Length == 0)
        {
            authError = $"Webhooks are not enabled for tenant '{name}' (no Webhook:Secret configured): it is polled only.";
        }
        else if (request.Headers.TryGetValue(WebhookAuthenticator.SignatureHeader, out var signature))
        {
            authError = WebhookAuthenticator.CheckSignature(
                secret,
                request.Headers[WebhookAuthenticator.TimestampHeader].ToString(),
                signature.ToString(),
                body,
                time.GetUtcNow(),
                options.Value.MaxClockSkew);
        }
        else
        {
            authError = WebhookAuthenticator.CheckToken(secret, request.Query["token"].ToString());
        }

        if (authError is not null)
        {
            metrics.NotificationRefused(name, "unauthenticated");
            LogRefused(loggers.CreateLogger("CertyoOdoo.Web.Intake"), name, authError);
            return Problem(StatusCodes.Status401Unauthorized, "Not authenticated", authError);
        }

        var (notification, parseError) = NotificationParser.Parse(body);
        if (notification is null)
        {
            metrics.NotificationRefused(name, "bad_request");
            return Problem(StatusCodes.Status400BadRequest, "Invalid notification", parseError!);
        }

        if (!config.EnabledModels().ContainsKey(notification.Model))
        {
            metrics.NotificationRefused(name, "model_not_enabled");
            return Problem(StatusCodes.Status400BadRequest, "Model not anchored",
                $"Tenant '{name}' does not anchor '{notification.Model}' (enabled: {string.Join(", ", config.EnabledModels().Keys)}).");
        }

        if (notification.Database is { } db && !string.Equals(db, config.Odoo.Database, StringComparison.Ordinal))
        {
            metrics.NotificationRefused(name, "wrong_database");
            return Problem(StatusCodes.Status400BadRequest, "Wrong database",
                $"db '{db}' is not the Odoo database configured for tenant '{name}'.");
        }

        // Durable before the 202 (an append, never waiting on the ledger); folded into the ledger right after.
        // The start-up warm-up (IntakeWarmup) takes the same path with no ids: it records and counts nothing.
        var warmup = request.HttpContext.Features.Get<IntakeWarmupFeature>() is not null;
        await inbox.AppendAsync(name, notification.Model, warmup ? [] : notification.Ids, $"notified ({notification.Sender})", time.GetUtcNow(), cancellationToken);
        folder.Kick();
        if (!warmup)
        {
            metrics.NotificationReceived(name, notification.Sender);
        }

        return TypedResults.Accepted((string?)null, new WebhookAccepted(name, notification.Model, notification.Ids.Count));
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for tenant {Tenant} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string tenant, string reason);
}

/// <summary>The 202 body: the tenant and model, and how many ids the notification named (all recorded).</summary>
internal sealed record WebhookAccepted(string Tenant, string Model, int Ids);
