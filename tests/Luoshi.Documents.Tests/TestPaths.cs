namespace Luoshi.Documents.Tests;

/// <summary>Finds the repository and the seed notices the tests own (tests/seeds/) from the test's output folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedsDir => Path.Combine(RepoRoot, "tests", "seeds");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Luoshi.sln not found above " + AppContext.BaseDirectory);
    }
}
