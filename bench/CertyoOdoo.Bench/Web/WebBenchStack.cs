using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Bench.Web;

/// <summary>
/// The sandbox in-process and the service as a child process (its own build output, as deployed),
/// wired to each other over loopback, with an API key to read the ledger counts.
/// </summary>
internal sealed class WebBenchStack : IAsyncDisposable
{
    public const string ApiKey = "bench-api-key-0123456789";
    public const string Secret = "bench-webhook-secret-0123456789";
    private readonly Process _service;
    private readonly string _dir;

    private WebBenchStack(SandboxServer sandbox, Process service, Uri serviceUri, string dir)
    {
        Sandbox = sandbox;
        _service = service;
        Service = serviceUri;
        _dir = dir;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public SandboxServer Sandbox { get; }

    /// <summary>CPU time the service process has used so far (user + system).</summary>
    public TimeSpan ServiceCpu
    {
        get
        {
            _service.Refresh();
            return _service.TotalProcessorTime;
        }
    }
    public Uri Service { get; }
    public HttpClient Http { get; }

    public static async Task<WebBenchStack> StartAsync(IDictionary<string, string?> sandboxSettings, IDictionary<string, string?> serviceSettings, CancellationToken ct)
    {
        var port = FreePort();
        var sandbox = await SandboxServer.StartAsync(sandboxSettings);
        var dir = Directory.CreateTempSubdirectory("certyo-bench-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Storage:SqlitePath"] = Path.Combine(dir, "ledger.db"),
            ["Storage:HangfireSqlitePath"] = Path.Combine(dir, "hangfire.db"),
            ["Tenants:demo:Odoo:Url"] = sandbox.BaseAddress.ToString(),
            ["Tenants:demo:Odoo:Database"] = "demo",
            ["Tenants:demo:Odoo:Login"] = "admin",
            ["Tenants:demo:Odoo:ApiKey"] = "admin",
            ["Tenants:demo:Certyo:BaseUrl"] = sandbox.BaseAddress.ToString(),
            ["Tenants:demo:Certyo:ApiKey"] = "sandbox-key",
            ["Tenants:demo:Certyo:TenantId"] = "demo",
            ["Tenants:demo:Webhook:Secret"] = Secret,
            ["Api:Keys:bench"] = ApiKey,
            ["Jobs:ReconcileInterval"] = "01:00:00",
            ["Jobs:SweepInterval"] = "00:00:01",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
        };
        foreach (var (k, v) in serviceSettings)
        {
            settings[k] = v;
        }

        var dll = ServiceDll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var (k, v) in settings)
        {
            start.ArgumentList.Add($"--{k}={v}");
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null && Environment.GetEnvironmentVariable("BENCH_SERVICE_LOG") == "1") { Console.WriteLine("[service] " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("[service] " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var stack = new WebBenchStack(sandbox, process, new Uri($"http://127.0.0.1:{port}/"), dir);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var r = await stack.Http.GetAsync(new Uri(stack.Service, "health/live"), ct);
                if (r.IsSuccessStatusCode) { break; }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || process.HasExited) { throw new InvalidOperationException("The service did not start."); }
            await Task.Delay(200, ct);
        }

        return stack;
    }

    /// <summary>The ledger's counts by status, from the REST API.</summary>
    public async Task<Dictionary<string, long>> CountsAsync(CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Service, "api/records/counts?tenant=demo"));
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await Http.SendAsync(request, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return body.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    /// <summary>Ids of the simulator's records in the given states (over XML-RPC, like any client).</summary>
    public async Task<IReadOnlyList<int>> IdsAsync(string model, string state, CancellationToken ct)
    {
        using var http = new HttpClient();
        using var client = OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = Sandbox.BaseAddress, Database = "demo", Login = "admin", ApiKey = "admin", Protocol = OdooProtocol.XmlRpc,
        });
        return await client.SearchAsync(model, new JsonArray(new JsonArray("state", "=", state)), cancellationToken: ct);
    }

    public async Task<long> OdooCallsAsync(CancellationToken ct) =>
        (await Http.GetFromJsonAsync<JsonElement>(new Uri(Sandbox.BaseAddress, "sandbox/odoo/stats"), ct)).GetProperty("total").GetInt64();

    public async Task<Dictionary<string, long>> CertyoCallsAsync(CancellationToken ct) =>
        (await Http.GetFromJsonAsync<JsonElement>(new Uri(Sandbox.BaseAddress, "sandbox/certyo/calls"), ct)).GetProperty("endpoints")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("calls").GetInt64());

    /// <summary>
    /// The service's own view of the webhook's latency: cumulative counts of the POST route's
    /// <c>http_server_request_duration_seconds</c> buckets (upper bound in seconds → count).
    /// </summary>
    public async Task<SortedDictionary<double, long>> ServerBucketsAsync(CancellationToken ct)
    {
        var text = await Http.GetStringAsync(new Uri(Service, "metrics"), ct);
        var buckets = new SortedDictionary<double, long>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
                || !line.Contains("http_route=\"/webhooks/odoo/{tenant}\"", StringComparison.Ordinal)
                || !line.Contains("http_response_status_code=\"202\"", StringComparison.Ordinal))
            {
                continue;
            }

            var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
            le = le[..le.IndexOf('"', StringComparison.Ordinal)];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            var count = long.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + count;
        }

        return buckets;
    }

    /// <summary>"≤ 5 ms 97.1%, ≤ 10 ms ..." from two bucket scrapes (after minus before).</summary>
    public static string Describe(SortedDictionary<double, long> before, SortedDictionary<double, long> after)
    {
        var total = after.GetValueOrDefault(double.PositiveInfinity) - before.GetValueOrDefault(double.PositiveInfinity);
        if (total <= 0)
        {
            return "no samples";
        }

        return string.Join(", ", after.Where(b => b.Key is >= 0.002 and <= 0.05).Select(b =>
            $"<= {b.Key * 1000:0} ms {100.0 * (b.Value - before.GetValueOrDefault(b.Key)) / total:0.0}%"));
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_service.HasExited)
        {
            _service.Kill(entireProcessTree: true);
            await _service.WaitForExitAsync();
        }

        _service.Dispose();
        Http.Dispose();
        await Sandbox.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private static string ServiceDll()
    {
        // A published service instead (as the images run it): BENCH_SERVICE_DLL=/app/CertyoOdoo.Web.dll.
        if (Environment.GetEnvironmentVariable("BENCH_SERVICE_DLL") is { Length: > 0 } published)
        {
            return File.Exists(published) ? published : throw new FileNotFoundException($"BENCH_SERVICE_DLL: {published} not found.");
        }

        // The service's own output (runtimeconfig and deps next to it), same configuration as this build.
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CertyoOdoo.Web", "bin", configuration, "net10.0", "CertyoOdoo.Web.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("CertyoOdoo.Web.dll not found: build src/CertyoOdoo.Web first.");
    }
}
