namespace CertyoOdoo.Odoo.Tests;

/// <summary>The recorded Odoo traffic in tests/fixtures/odoo-fixtures/&lt;series&gt;/.</summary>
internal static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Series => ["16.0", "17.0", "18.0", "19.0"];

    public static string PathOf(string series, string file) => Path.Combine(Root, series, file);

    public static byte[] Bytes(string series, string file) => File.ReadAllBytes(PathOf(series, file));

    public static string Text(string series, string file) => File.ReadAllText(PathOf(series, file));

    /// <summary>File names (relative to the series folder) ending with <paramref name="suffix"/>, per series.</summary>
    public static TheoryData<string, string> Files(string suffix)
    {
        var data = new TheoryData<string, string>();
        foreach (var series in Series)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Root, series), "*" + suffix).Order(StringComparer.Ordinal))
            {
                data.Add(series, Path.GetFileName(file));
            }
        }

        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "odoo-fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/odoo-fixtures not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Finds a recording by the part of its name after the number (numbers differ per series).</summary>
internal static class FixtureFiles
{
    public static string? Find(string series, string suffix) =>
        Directory.GetFiles(Path.Combine(Fixtures.Root, series), "*-" + suffix).Select(Path.GetFileName).SingleOrDefault();
}
