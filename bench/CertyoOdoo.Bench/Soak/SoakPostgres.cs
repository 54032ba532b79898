using System.Diagnostics;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Bench.Soak;

/// <summary>
/// The soak's PostgreSQL: the server in CERTYO_TEST_POSTGRES when set, else a throwaway cluster on a
/// free loopback port (as scripts/test.sh makes one: initdb as the postgres user), removed afterwards.
/// </summary>
internal sealed class SoakPostgres : IAsyncDisposable
{
    private readonly string? _dir;
    private readonly string? _bin;

    private SoakPostgres(string? dir, string? bin)
    {
        _dir = dir;
        _bin = bin;
    }

    public static async Task<SoakPostgres> StartAsync(CancellationToken cancellationToken)
    {
        if (TestPostgres.ServerConnectionString is not null)
        {
            return new SoakPostgres(null, null);
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL server: install Debian's postgresql package or set CERTYO_TEST_POSTGRES.");
        var dir = Directory.CreateTempSubdirectory("certyo-soak-pg-").FullName;
        var port = AppProcess.FreePort();
        await RunAsync("chown", ["postgres", dir], cancellationToken);
        await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", $"{dir}/data", "-A", "trust", "-U", "postgres"], cancellationToken);
        await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", $"{dir}/data", "-l", $"{dir}/log", "-w",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off", "start"], cancellationToken, capture: false);
        Environment.SetEnvironmentVariable(TestPostgres.EnvironmentVariable, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
        return new SoakPostgres(dir, bin);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dir is not null && _bin is not null)
        {
            await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", $"{_dir}/data", "-m", "immediate", "stop"], CancellationToken.None, capture: false);
            Directory.Delete(_dir, recursive: true);
            Environment.SetEnvironmentVariable(TestPostgres.EnvironmentVariable, null);
        }
    }

    /// <summary>Runs a command; <paramref name="capture"/> false for pg_ctl, whose server would hold the pipes open.</summary>
    private static async Task RunAsync(string file, string[] args, CancellationToken cancellationToken, bool capture = true)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = capture, RedirectStandardError = capture };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var output = capture ? process.StandardOutput.ReadToEndAsync(cancellationToken) : Task.FromResult("");
        var errors = capture ? process.StandardError.ReadToEndAsync(cancellationToken) : Task.FromResult("");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await errors}");
        }
    }
}
