using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>The fault dice (seeded when Sandbox:Faults:Seed is set, so a run can be replayed).</summary>
internal sealed class SandboxFaults(IOptions<CertyoSandboxOptions> options)
{
    public const string Error = "error";
    public const string RateLimit = "rate-limit";
    public const string Drop = "drop-after-accept";

    private readonly CertyoSandboxFaultOptions _faults = options.Value.Faults;
    private readonly Random _random = options.Value.Faults.Seed is { } seed ? new Random(seed) : new Random();
    private readonly Lock _gate = new();

    public CertyoSandboxFaultOptions Options => _faults;

    /// <summary>The fault to inject before handling a call, or null.</summary>
    public string? BeforeCall()
    {
        if (_faults.RateLimitRate <= 0 && _faults.ErrorRate <= 0)
        {
            return null;
        }

        double roll;
        lock (_gate)
        {
            roll = _random.NextDouble();
        }

        return roll < _faults.RateLimitRate ? RateLimit : roll < _faults.RateLimitRate + _faults.ErrorRate ? Error : null;
    }

    /// <summary>True when an accepted ingest call must lose its answer.</summary>
    public bool DropAfterAccept()
    {
        if (_faults.DropAfterAcceptRate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < _faults.DropAfterAcceptRate;
        }
    }
}
