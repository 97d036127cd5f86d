using System.Diagnostics;

namespace Luoshi.Load;

/// <summary>The real web app as a separate process (the Release build on Kestrel), on the benchmark's database.</summary>
public sealed class WebServer : IDisposable
{
    private readonly Process _process;

    private WebServer(Process process) => _process = process;

    public static async Task<WebServer> StartAsync(string root, string baseUrl, string connection)
    {
        string web = Path.Combine(root, "src", "Luoshi.Web");
        string dll = Path.Combine(web, "bin", "Release", "net10.0", "Luoshi.Web.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { dll, "--urls", baseUrl })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = "postgres";
        info.Environment["Database__ConnectionString"] = connection;
        info.Environment["Database__MigrateOnStart"] = "false";
        info.Environment["Demo__Seed"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        string log = Path.Combine(Path.GetTempPath(), "luoshi-load-web.log");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (writer) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (writer) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new WebServer(process);

        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the web app exited ({process.ExitCode}); see {log}");
            }

            try
            {
                using var r = await client.GetAsync("/Account/Login");
                if (r.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  web app up at {baseUrl} (pid {process.Id}; log {log})");
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        server.Dispose();
        throw new InvalidOperationException("the web app did not answer within 90 s; see " + log);
    }

    /// <summary>The CPU time the web app's process has used so far.</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalSeconds;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}

/// <summary>Runs a command to completion, failing on a non-zero exit.</summary>
public static class Shell
{
    public static async Task RunAsync(string file, string arguments, string workingDirectory)
    {
        Console.WriteLine($"  $ {file} {arguments}");
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false })
            ?? throw new InvalidOperationException(file + " did not start");
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({p.ExitCode})");
        }
    }
}
