using System.Globalization;

namespace CertyoOdoo.Bench.Soak;

/// <summary>
/// Command line of the soak: --records N, --faults on|off, --parallel N, --timeout MINUTES, --backlog on
/// (faults off only: Odoo is down while the records are validated, so the service's capacity from
/// notification to ingested shows on the backlog, not the simulator's validation rate).
/// </summary>
internal sealed record SoakOptions(int Records, bool Faults, int Parallel, TimeSpan Timeout, bool Backlog = false)
{
    public const string Tenant = "soak";
    public const string WebhookSecret = "soak-webhook-secret-0123456789";

    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions(10_000, Faults: true, Parallel: 4, Timeout: TimeSpan.FromMinutes(40));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--records" => options with { Records = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--faults" => options with { Faults = args[i + 1] != "off" },
                "--parallel" => options with { Parallel = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--backlog" => options with { Backlog = args[i + 1] != "off" },
                "--timeout" => options with { Timeout = TimeSpan.FromMinutes(double.Parse(args[i + 1], CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options with { Backlog = options.Backlog && !options.Faults };
    }
}

/// <summary>The settings the soak gives the sandbox and the service instances (configuration keys).</summary>
internal static class SoakSettings
{
    /// <summary>
    /// Odoo 17 seeded with exactly the pickings to validate, native webhooks (4 posts per record) to the
    /// instances' proxy; Certyo batching in seconds, not minutes. With faults: the rates and latencies.
    /// </summary>
    public static Dictionary<string, string?> Sandbox(SoakOptions options, Uri webhookProxy, string workDir)
    {
        var s = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Sandbox:DatabasePath"] = Path.Combine(workDir, "certyo-sandbox.db"),
            ["Sandbox:BatchWindow"] = "00:00:02",
            ["Sandbox:AnchorDelay"] = "00:00:01",
            ["Sandbox:Odoo:Version"] = "17",
            ["Sandbox:Odoo:Seed:DonePickings"] = "0",
            ["Sandbox:Odoo:Seed:ReadyPickings"] = options.Records.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = "1",
            ["Sandbox:Odoo:Seed:Productions"] = "0",
            ["Sandbox:Odoo:Seed:ReadyProductions"] = "0",
            ["Sandbox:Odoo:Webhooks:Url"] = new Uri(webhookProxy, $"webhooks/odoo/{SoakOptions.Tenant}?token={SoakOptions.WebhookSecret}").ToString(),
            ["Sandbox:Odoo:Webhooks:Style"] = "Native",
        };
        if (options.Faults)
        {
            s["Sandbox:Faults:ErrorRate"] = "0.2";
            s["Sandbox:Faults:RateLimitRate"] = "0.1";
            s["Sandbox:Faults:DropAfterAcceptRate"] = "0.1";
            s["Sandbox:Faults:Latency"] = "00:00:00.050";
            s["Sandbox:Faults:RetryAfterSeconds"] = "1";
            s["Sandbox:Faults:Seed"] = "6";
            s["Sandbox:Odoo:ErrorRate"] = "0.05";
            s["Sandbox:Odoo:Latency"] = "00:00:00.020";
        }

        return s;
    }

    /// <summary>One tenant on the sandbox (through the counting proxy), PostgreSQL, delays in seconds.</summary>
    public static Dictionary<string, string?> Service(SoakOptions options, string ledger, Uri peers)
    {
        var s = Service(ledger, peers);
        if (options.Backlog)
        {
            // Odoo down for the whole validation: retry every second, and never give a row up meanwhile.
            s["Jobs:FailureBackoffMax"] = "00:00:01";
            s["Jobs:MaxAttempts"] = "1000";
        }

        return s;
    }

    private static Dictionary<string, string?> Service(string ledger, Uri peers) => new(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Storage:Provider"] = "postgres",
        ["ConnectionStrings:Ledger"] = ledger,
        [$"Tenants:{SoakOptions.Tenant}:Odoo:Url"] = peers.ToString(),
        [$"Tenants:{SoakOptions.Tenant}:Odoo:Database"] = "demo",
        [$"Tenants:{SoakOptions.Tenant}:Odoo:Login"] = "admin",
        [$"Tenants:{SoakOptions.Tenant}:Odoo:ApiKey"] = "admin",
        [$"Tenants:{SoakOptions.Tenant}:Odoo:Protocol"] = "xmlrpc",
        [$"Tenants:{SoakOptions.Tenant}:Certyo:BaseUrl"] = peers.ToString(),
        [$"Tenants:{SoakOptions.Tenant}:Certyo:ApiKey"] = "sandbox-key",
        [$"Tenants:{SoakOptions.Tenant}:Certyo:TenantId"] = SoakOptions.Tenant,
        [$"Tenants:{SoakOptions.Tenant}:Webhook:Secret"] = SoakOptions.WebhookSecret,
        ["Jobs:SweepInterval"] = "00:00:02",
        ["Jobs:SchedulePollingInterval"] = "00:00:02",
        ["Jobs:InFlightTimeout"] = "00:00:30",
        ["Jobs:ClaimLease"] = "00:00:30",
        ["Jobs:NotDoneRetryDelay"] = "00:00:01",
        ["Jobs:FailureBackoffBase"] = "00:00:01",
        ["Jobs:FailureBackoffMax"] = "00:00:05",
        ["Jobs:VerifyFirstDelay"] = "00:00:03",
        ["Jobs:VerifyMaxDelay"] = "00:00:10",
        ["Jobs:ReconcileInterval"] = "00:01:00",
        ["Jobs:QueuePollInterval"] = "00:00:01",
    };
}
