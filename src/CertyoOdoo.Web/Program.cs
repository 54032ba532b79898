using CertyoOdoo.Web.Endpoints;
using CertyoOdoo.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.AddTenants();   // Tenants:{name} (Odoo, Certyo, webhook secret, models), validated at start
builder.AddLedger();    // Storage: SQLite (default) or PostgreSQL; schema migrated at start
builder.AddJobs();      // Hangfire + the dispatcher: ingest, verify, reconcile
builder.AddApiAuthentication();   // X-Api-Key scheme for /api; dashboard credentials
builder.AddCertyoSwagger();       // OpenAPI document and UI at /swagger
builder.AddCertyoHealthChecks();  // storage, each tenant's Odoo and Certyo
builder.AddCertyoTelemetry();     // OpenTelemetry metrics for Prometheus
builder.Services.AddCertyoApi();
builder.AddIntakeWarmup();        // Kestrel listens once the webhook path is warm (JIT, connections)

var app = builder.Build();
if (args.Contains("--migrate"))
{
    return await app.MigrateLedgerAsync(); // deploy step: schema only, then exit
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapWebhooks();      // POST /webhooks/odoo/{tenant}
app.UseCertyoSwagger();  // /swagger
app.MapCertyoApi();      // /api (X-Api-Key)
app.MapCertyoHealth();   // /health/live, /health/ready
app.MapCertyoMetrics();  // /metrics
app.MapCertyoDashboard(); // /hangfire
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
