using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Protocols;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using CertyoOdoo.Sandbox.Odoo.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>Sandbox-only helpers around the simulator: call statistics, demo state changes, raw records.</summary>
internal static class SandboxOdooEndpoints
{
    public static void MapSandboxOdoo(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/odoo").WithTags("Sandbox");
        group.MapGet("/stats", (SimulatorStats stats) => TypedResults.Ok(stats.Snapshot()))
            .WithSummary("RPC calls served, by protocol, model and method.");
        group.MapPost("/stats/reset", (SimulatorStats stats) =>
        {
            stats.Reset();
            return TypedResults.NoContent();
        }).WithSummary("Resets the call statistics.");
        group.MapPost("/pickings/{id:int}/validate", (int id, ModelService models, IOptions<OdooSimulatorOptions> options, CancellationToken ct) =>
                RunAsync(models, options.Value, "stock.picking", "button_validate", id, ct))
            .WithSummary("Validates a picking the way button_validate does (skipping the wizards), with its notifications.");
        group.MapPost("/productions/{id:int}/done", (int id, ModelService models, IOptions<OdooSimulatorOptions> options, CancellationToken ct) =>
                RunAsync(models, options.Value, "mrp.production", "button_mark_done", id, ct))
            .WithSummary("Marks a manufacturing order done the way button_mark_done does, with its notifications.");
        group.MapGet("/records/{model}/{id:int}", Record)
            .WithSummary("A stored record with every field (x_certyo_* included), as read() formats it.");
    }

    private static async Task<Results<Ok<JsonNode>, ProblemHttpResult>> RunAsync(
        ModelService models, OdooSimulatorOptions options, string model, string method, int id, CancellationToken cancellationToken)
    {
        var context = new JsonObject
        {
            ["skip_backorder"] = true,
            ["picking_ids_not_to_backorder"] = new JsonArray(id),
            ["skip_sms"] = true,
            ["skip_immediate"] = true,
        };
        try
        {
            var call = new OdooCall(model, method, [new JsonArray(id)], new JsonObject { ["context"] = context }, options.EffectiveUsers[0], OdooProtocolKind.XmlRpc);
            return TypedResults.Ok(await models.ExecuteAsync(call, cancellationToken) ?? false);
        }
        catch (OdooError e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.HttpStatus == 500 ? 409 : e.HttpStatus, title: e.PythonType);
        }
    }

    private static Results<Ok<JsonObject>, NotFound<string>> Record(string model, int id, OdooStore store)
    {
        if (!store.TryTable(model, out var table))
        {
            return TypedResults.NotFound($"Model {model} does not exist.");
        }

        using var _ = store.ReadLock();
        if (!table.Exists(id))
        {
            return TypedResults.NotFound($"{model}({id}) does not exist.");
        }

        var record = new JsonObject();
        foreach (var field in table.Schema.Fields)
        {
            record[field.Name] = store.ToJson(table, id, field);
        }

        return TypedResults.Ok(record);
    }
}
