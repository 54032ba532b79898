namespace CertyoOdoo.Bench;

/// <summary>A console benchmark: prints its figures, returns non-zero when it could not run.</summary>
internal interface IBenchmark
{
    /// <summary>Name given on the command line: dotnet run --project bench/CertyoOdoo.Bench -- NAME.</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
