namespace CertyoOdoo.Web.Tests;

/// <summary>Paths of the repository, found from the test binaries.</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The recorded Odoo traffic (tests/fixtures/odoo-fixtures).</summary>
    public static string Root => Path.Combine(RepositoryRoot, "tests", "fixtures", "odoo-fixtures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CertyoOdoo.Web.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (CertyoOdoo.Web.sln) not found above " + AppContext.BaseDirectory);
    }
}
