namespace Luoshi.Parsing.Tests;

/// <summary>Finds the repository and the seed notices the tests own (tests/seeds/) from the test's output folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedsDir => Path.Combine(RepoRoot, "tests", "seeds");

    public static string GoldenDir => Path.Combine(RepoRoot, "tests", "Luoshi.Parsing.Tests", "Golden");

    public static string CorpusDir => Path.Combine(RepoRoot, "tests", "Luoshi.Parsing.Tests", "Corpus");

    public static string Seed(string name) => Path.Combine(SeedsDir, name);

    public static string ReadSeed(string name) => File.ReadAllText(Seed(name));

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
