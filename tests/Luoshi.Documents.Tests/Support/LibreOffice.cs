using System.Diagnostics;

namespace Luoshi.Documents.Tests.Support;

/// <summary>Runs LibreOffice headless to convert files, with a private profile and a time limit.</summary>
internal static class LibreOffice
{
    public const string NotInstalled =
        "LibreOffice (soffice) 未安装，无法从 .docx 生成 PDF：运行 scripts/setup-test-deps.sh 安装 libreoffice-writer-nogui 后再测。";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static string? Executable { get; } = Find();

    public static bool Available => Executable is not null;

    /// <summary>Converts the files in one LibreOffice run (one start-up for all); the results land in <paramref name="outDir"/>.</summary>
    public static void Convert(IReadOnlyCollection<string> files, string outDir, string target = "pdf")
    {
        string exe = Executable ?? throw new InvalidOperationException(NotInstalled);
        string profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-env:UserInstallation=file://" + profile);
        psi.ArgumentList.Add("--headless");
        psi.ArgumentList.Add("--norestore");
        psi.ArgumentList.Add("--nolockcheck");
        psi.ArgumentList.Add("--convert-to");
        psi.ArgumentList.Add(target);
        psi.ArgumentList.Add("--outdir");
        psi.ArgumentList.Add(outDir);
        foreach (string f in files)
        {
            psi.ArgumentList.Add(f);
        }

        try
        {
            using Process p = Process.Start(psi) ?? throw new InvalidOperationException("soffice did not start");
            Task<string> stdout = p.StandardOutput.ReadToEndAsync();
            Task<string> stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(Timeout))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"soffice did not finish within {Timeout.TotalSeconds} s converting {string.Join(", ", files)}");
            }

            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"soffice exited with {p.ExitCode}: {stdout.Result} {stderr.Result}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the profile is in the temp folder.
            }
        }
    }

    /// <summary>soffice on the PATH or where Debian installs it; LUOSHI_NO_LIBREOFFICE=1 pretends it is missing (to check the skips).</summary>
    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("LUOSHI_NO_LIBREOFFICE") == "1")
        {
            return null;
        }

        string[] dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in new[] { "soffice", "libreoffice" })
        {
            foreach (string dir in dirs.Append("/usr/bin").Append("/usr/lib/libreoffice/program"))
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when LibreOffice is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (!LibreOffice.Available)
        {
            Skip = LibreOffice.NotInstalled;
        }
    }
}

/// <summary>A theory that is skipped, with the reason, when LibreOffice is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LibreOfficeTheoryAttribute : TheoryAttribute
{
    public LibreOfficeTheoryAttribute()
    {
        if (!LibreOffice.Available)
        {
            Skip = LibreOffice.NotInstalled;
        }
    }
}
