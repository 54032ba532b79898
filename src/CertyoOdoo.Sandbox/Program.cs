namespace CertyoOdoo.Sandbox;

/// <summary>Entry point. Namespaced so the service's global <c>Program</c> stays unique in tests that load both.</summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var app = SandboxApp.Build(args);
        await app.RunAsync();
    }
}
