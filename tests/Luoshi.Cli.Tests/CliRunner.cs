using Luoshi.TestSupport;

namespace Luoshi.Cli.Tests;

/// <summary>Runs the real `luoshi` program (the built luoshi.dll) as a child process.</summary>
internal static class CliRunner
{
    public static string SeedsDir { get; } = FindSeeds();

    public static string Seed(string name) => Path.Combine(SeedsDir, name + ".txt");

    public static (int Code, string Out, string Err) Run(params string[] args) => LuoshiProcess.Run(TimeSpan.FromSeconds(120), args);

    private static string FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "seeds");
            }
        }

        throw new InvalidOperationException("Luoshi.sln not found");
    }
}
