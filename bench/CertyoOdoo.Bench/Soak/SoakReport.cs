using CertyoOdoo.Sandbox.Certyo;

namespace CertyoOdoo.Bench.Soak;

/// <summary>The soak's figures, printed at the end; passed when nothing was lost, doubled or left behind.</summary>
internal sealed record SoakReport(
    int Records,
    SandboxStats Sandbox,
    Dictionary<string, long> Ledger,
    int WrittenBack,
    double Throughput,
    (double P50, double P99) IngestLag,
    long OdooCalls,
    long CertyoCalls,
    long Webhooks,
    double WebhookP50,
    double WebhookP99,
    TimeSpan Validation,
    TimeSpan? Drain,
    IReadOnlyList<long> PeakMemory,
    int Restarts)
{
    /// <summary>Validated records that never reached Certyo (distinct keys stored there).</summary>
    public long Lost => Math.Max(0, Records - (Sandbox.Records - Sandbox.Duplicates));

    public long Anchored => Ledger.GetValueOrDefault("anchored");

    public bool Passed => Lost == 0 && Sandbox.Duplicates == 0 && Anchored == Records && WrittenBack == Records
        && Sandbox.Anchored >= Records && Drain is not null;

    public void Print(SoakOptions options)
    {
        Console.WriteLine();
        Console.WriteLine($"=== soak, faults {(options.Faults ? "on (Certyo 20% 5xx, 10% 429, 10% drop-after-accept, 50 ms; Odoo 5% 5xx, 20 ms)" : "off")}, 2 instances on PostgreSQL, {Restarts} SIGKILL+restart");
        Console.WriteLine($"records validated          {Records}");
        Console.WriteLine($"anchored (ledger)          {Anchored} ({Percent(Anchored)})");
        Console.WriteLine($"anchored (Certyo sandbox)  {Sandbox.Anchored} of {Sandbox.Records} stored");
        Console.WriteLine($"lost                       {Lost}");
        Console.WriteLine($"duplicates in Certyo       {Sandbox.Duplicates}");
        Console.WriteLine($"written back (anchored)    {WrittenBack} ({Percent(WrittenBack)})");
        Console.WriteLine($"ledger                     {SoakLedger.Format(Ledger)}");
        Console.WriteLine($"throughput notif.→ingested {Throughput:F1} records/s");
        Console.WriteLine($"notif.→ingested lag        p50 {IngestLag.P50:F1} s, p99 {IngestLag.P99:F1} s");
        Console.WriteLine($"validation took            {Validation.TotalSeconds:F1} s ({Records / Validation.TotalSeconds:F1} validations/s)");
        Console.WriteLine($"time to drain              {(Drain is { } d ? $"{d.TotalSeconds:F1} s after the last validation" : "did not drain before the timeout")}");
        Console.WriteLine($"Odoo calls per record      {(double)OdooCalls / Records:F2} ({OdooCalls})");
        Console.WriteLine($"Certyo calls per record    {(double)CertyoCalls / Records:F3} ({CertyoCalls})");
        Console.WriteLine($"webhooks                   {Webhooks} ({(double)Webhooks / Records:F1} per record), p50 {WebhookP50:F1} ms, p99 {WebhookP99:F1} ms");
        Console.WriteLine($"peak memory (VmHWM)        {string.Join(", ", PeakMemory.Select((b, i) => $"instance {i + 1} {b / (1024.0 * 1024):F0} MiB"))}");
        Console.WriteLine(Passed ? "PASS: 0 lost, 0 duplicates, all anchored and written back" : "FAIL");
    }

    private string Percent(long n) => $"{100.0 * n / Math.Max(1, Records):F1}%";
}
