using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace CertyoOdoo.Testing;

/// <summary>
/// One of the solution's web apps (the service or the sandbox) as a child process on a loopback port,
/// run as a deployment runs it: <c>dotnet X.dll</c>, settings as environment variables. For tests and
/// benchmarks that need several instances, a SIGKILL, or a process's own memory figures.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Timer _sampler;
    private long _peakBytes;

    private AppProcess(Process process, string name, Uri baseAddress)
    {
        _process = process;
        Name = name;
        BaseAddress = baseAddress;
        _sampler = new Timer(_ => SampleMemory(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Highest peak resident set (VmHWM) seen while the process ran, in bytes.</summary>
    public long PeakMemoryBytes => Interlocked.Read(ref _peakBytes);

    /// <summary>The last few hundred lines the process wrote, for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="dllPath"/> on a free loopback port and waits until <paramref name="healthPath"/>
    /// answers 200. Settings use configuration keys ("Section:Key"); they reach the app as environment variables.
    /// A restarted instance passes its predecessor's <paramref name="port"/> to be found at the same address.
    /// </summary>
    public static async Task<AppProcess> StartAsync(
        string name,
        string dllPath,
        IReadOnlyDictionary<string, string?> settings,
        string healthPath,
        TimeSpan startTimeout,
        int? port = null,
        CancellationToken cancellationToken = default)
    {
        port ??= FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
        };
        psi.ArgumentList.Add(dllPath);
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {dllPath}.");
        var app = new AppProcess(process, name, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync(healthPath, startTimeout, cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>The built app of <paramref name="project"/> (src/NAME/bin/CONFIG/net10.0/NAME.dll), in the caller's configuration.</summary>
    public static string LocateBuiltApp(string project)
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = baseDir.Parent?.Name ?? "Release";
        for (var dir = baseDir; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CertyoOdoo.Web.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", project, "bin", configuration, baseDir.Name, project + ".dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build {project} ({configuration}) first.", dll);
            }
        }

        throw new InvalidOperationException($"No CertyoOdoo.Web.sln above {baseDir.FullName}.");
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        SampleMemory();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd or Kubernetes stop it; SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        SampleMemory();
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        await _sampler.DisposeAsync();
        _process.Dispose();
    }

    private async Task WaitHealthyAsync(string healthPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy:\n{RecentOutput}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(healthPath.TrimStart('/'), UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow first answer: try again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException($"{Name} was not healthy on {healthPath} within {timeout}:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }

    private void SampleMemory()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    var bytes = kb * 1024;
                    long seen;
                    while ((seen = Interlocked.Read(ref _peakBytes)) < bytes
                        && Interlocked.CompareExchange(ref _peakBytes, bytes, seen) != seen)
                    {
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process is gone (or not on Linux): keep the last sample.
        }
    }

    /// <summary>A loopback port free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
