namespace CertyoOdoo.Web.Tests.Deploy;

/// <summary>The checkout the tests run from, for tests of files outside the projects (deploy/, scripts/).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CertyoOdoo.Web.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CertyoOdoo.Web.sln above {AppContext.BaseDirectory}.");
    }
}
