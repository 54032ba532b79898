using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>Checks the simulator's settings at start, with messages that say what is wrong.</summary>
internal sealed class OdooSimulatorOptionsValidator : IValidateOptions<OdooSimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, OdooSimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.Version is < 16 or > 19)
        {
            errors.Add($"Sandbox:Odoo:Version must be 16, 17, 18 or 19 (got {options.Version}).");
        }

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            errors.Add("Sandbox:Odoo:Database must not be empty.");
        }

        if (options.Latency < TimeSpan.Zero)
        {
            errors.Add("Sandbox:Odoo:Latency must not be negative.");
        }

        if (options.ErrorRate is < 0 or > 1)
        {
            errors.Add("Sandbox:Odoo:ErrorRate must be between 0 and 1.");
        }

        if (options.Webhooks.RollbackRate is < 0 or > 1)
        {
            errors.Add("Sandbox:Odoo:Webhooks:RollbackRate must be between 0 and 1.");
        }

        if (options.Webhooks.Url is { IsAbsoluteUri: false })
        {
            errors.Add("Sandbox:Odoo:Webhooks:Url must be an absolute URL.");
        }

        if (options.Webhooks is { Url: not null, Style: OdooWebhookStyle.Native } && options.Version < 17)
        {
            errors.Add("Sandbox:Odoo:Webhooks:Style native needs Version 17 or later: Odoo 16 has no webhook action.");
        }

        if (options.Webhooks is { Url: not null, Style: OdooWebhookStyle.Module } && string.IsNullOrEmpty(options.Webhooks.Secret))
        {
            errors.Add("Sandbox:Odoo:Webhooks:Secret is required with Style module.");
        }

        var seed = options.Seed;
        if (seed.DonePickings < 0 || seed.ReadyPickings < 0 || seed.Productions < 0 || seed.ReadyProductions < 0)
        {
            errors.Add("Sandbox:Odoo:Seed counts must not be negative.");
        }

        if (seed.LinesPerPicking < 1)
        {
            errors.Add("Sandbox:Odoo:Seed:LinesPerPicking must be at least 1.");
        }

        var users = options.EffectiveUsers;
        if (users.Any(u => string.IsNullOrEmpty(u.Login) || u.Id <= 0))
        {
            errors.Add("Sandbox:Odoo:Users need a Login and a positive Id.");
        }

        if (users.Select(u => u.Id).Distinct().Count() != users.Count || users.Select(u => u.Login).Distinct().Count() != users.Count)
        {
            errors.Add("Sandbox:Odoo:Users must have distinct Ids and Logins.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
