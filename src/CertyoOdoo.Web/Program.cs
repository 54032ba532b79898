using CertyoOdoo.Web.Endpoints;
using CertyoOdoo.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.AddTenants();   // Tenants:{name} (Odoo, Certyo, webhook secret, models), validated at start
builder.AddLedger();    // Storage: SQLite (default) or PostgreSQL; schema migrated at start
builder.AddJobs();      // Hangfire + the dispatcher: ingest, verify, reconcile

var app = builder.Build();
if (args.Contains("--migrate"))
{
    return await app.MigrateLedgerAsync(); // deploy step: schema only, then exit
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapWebhooks();      // POST /webhooks/odoo/{tenant}
app.MapGet("/health/live", () => TypedResults.Ok("live"));
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
