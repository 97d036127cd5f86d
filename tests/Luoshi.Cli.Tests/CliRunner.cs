using System.Diagnostics;
using System.Text;

namespace Luoshi.Cli.Tests;

/// <summary>Runs the real `luoshi` program (the built luoshi.dll) as a child process.</summary>
internal static class CliRunner
{
    public static string SeedsDir { get; } = FindSeeds();

    public static string Seed(string name) => Path.Combine(SeedsDir, name + ".txt");

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "luoshi.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(true);
            throw new TimeoutException("luoshi did not finish in 120 s: " + string.Join(' ', args));
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

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
