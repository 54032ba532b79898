using System.Text.RegularExpressions;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>The recorded Odoo traffic in tests/fixtures/odoo-fixtures/&lt;series&gt;/ and its index.md.</summary>
internal static partial class OdooFixtures
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> Series => ["16.0", "17.0", "18.0", "19.0"];

    public static string PathOf(string series, string file) => Path.Combine(Root, series, file);

    /// <summary>The recorded database name (first line of index.md: "db=odoo17").</summary>
    public static string Database(string series) => DatabasePattern().Match(File.ReadAllText(PathOf(series, "index.md"))).Groups[1].Value;

    /// <summary>Every recorded pair, by series and name (e.g. "25-fault-unknown-field-in-domain").</summary>
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var series in Series)
        {
            foreach (var pair in Index(series).Keys.Order(StringComparer.Ordinal))
            {
                data.Add(series, pair);
            }
        }

        return data;
    }

    /// <summary>index.md rows: pair → (call, HTTP status).</summary>
    public static Dictionary<string, (string Call, int Status)> Index(string series)
    {
        var rows = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (Match row in RowPattern().Matches(File.ReadAllText(PathOf(series, "index.md"))))
        {
            rows[row.Groups[1].Value] = (row.Groups[2].Value.Trim(), int.Parse(row.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return rows;
    }

    public static string? FileOf(string series, string pair, string kind) =>
        Directory.GetFiles(Path.Combine(Root, series), $"{pair}.{kind}.*").SingleOrDefault();

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

    [GeneratedRegex(@"db=(\S+)")]
    private static partial Regex DatabasePattern();

    [GeneratedRegex(@"^\| (\d\d-[^ |]+) \| ([^|]+) \|[^|]*\| (\d{3}) \|$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();
}
