using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Checks the sandbox settings at start, the nested fault settings included.</summary>
internal sealed class CertyoSandboxOptionsValidator : IValidateOptions<CertyoSandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, CertyoSandboxOptions options)
    {
        var failures = new List<string>();
        Annotations(options, failures);
        Annotations(options.Faults, failures);
        if (options.ApiKeys.Count == 0 || options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Sandbox:ApiKeys must hold non-empty keys.");
        }

        if (options.BatchWindow <= TimeSpan.Zero)
        {
            failures.Add("Sandbox:BatchWindow must be positive.");
        }

        if (options.AnchorDelay < TimeSpan.Zero)
        {
            failures.Add("Sandbox:AnchorDelay must not be negative.");
        }

        if (options.Faults.Latency < TimeSpan.Zero)
        {
            failures.Add("Sandbox:Faults:Latency must not be negative.");
        }

        if (options.Faults.ErrorRate + options.Faults.RateLimitRate >= 1.0)
        {
            failures.Add("Sandbox:Faults:ErrorRate + RateLimitRate must stay below 1, or no call could succeed.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotations(object target, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"Sandbox: {r.ErrorMessage}"));
        }
    }
}
