using System.Diagnostics;

namespace Luoshi.Load;

/// <summary>The real web app as a separate process (the Release build on Kestrel), on the benchmark's database.</summary>
public sealed class WebServer : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private WebServer(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>The log lines so far that contain <paramref name="fragment"/>.</summary>
    public IReadOnlyList<string> LogLines(string fragment)
    {
        lock (_lines)
        {
            return [.. _lines.Where(l => l.Contains(fragment, StringComparison.Ordinal))];
        }
    }

    /// <summary>The process's resident memory (VmRSS of /proc/&lt;pid&gt;/status), in MiB; 0 where /proc is not there.</summary>
    public double ResidentMegabytes()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return 0;
        }

        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>What the resident memory is now: RssAnon (the GC heap and native), RssFile (mapped code), RssShmem (JIT code), MiB.</summary>
    public string ResidentParts()
    {
        string status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return "";
        }

        var parts = File.ReadLines(status).Where(l => l.StartsWith("Rss", StringComparison.Ordinal))
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(f => $"{f[0].TrimEnd(':')} {long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) / 1024}");
        return string.Join(", ", parts);
    }

    public static Task<WebServer> StartAsync(string root, string baseUrl, string connection) => StartAsync(root, baseUrl, connection, "luoshi-load-web.log");

    public static async Task<WebServer> StartAsync(string root, string baseUrl, string connection, string logName)
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
        // The harness signs in every district's accounts from one address; the product allows 60 sign-ins a minute per address.
        info.Environment["Luoshi__SignIn__PerClientPerMinute"] = "100000";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        // The reminder service's summary of each run ("Reminders for …: N stored"), for the sweep's figures.
        info.Environment["Logging__LogLevel__Luoshi.Web.Infrastructure.Reminders"] = "Information";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        string log = Path.Combine(Path.GetTempPath(), logName);
        var writer = new StreamWriter(log) { AutoFlush = true };
        var server = new WebServer(process, baseUrl);
        void Line(string? data)
        {
            lock (writer)
            {
                writer.WriteLine(data);
            }

            if (data is not null)
            {
                lock (server._lines)
                {
                    server._lines.Add(data);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

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

/// <summary>
/// The web instances of a run, all on the one database, started one after the other (the first creates the data-protection
/// key that the others then read, so a cookie from one is good at every other). <see cref="CpuSeconds"/> is their sum.
/// </summary>
public sealed class WebFarm : IDisposable
{
    private WebFarm(List<WebServer> servers) => Servers = servers;

    public IReadOnlyList<WebServer> Servers { get; }

    public IReadOnlyList<string> Urls => [.. Servers.Select(s => s.BaseUrl)];

    public static async Task<WebFarm> StartAsync(string root, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var servers = new List<WebServer>();
        try
        {
            for (int i = 0; i < Math.Max(1, options.Instances); i++)
            {
                servers.Add(await WebServer.StartAsync(root, $"http://127.0.0.1:{options.Port + i}", options.DatabaseConnection,
                    i == 0 ? "luoshi-load-web.log" : $"luoshi-load-web{i + 1}.log"));
            }
        }
        catch
        {
            servers.ForEach(s => s.Dispose());
            throw;
        }

        return new WebFarm(servers);
    }

    public double CpuSeconds() => Servers.Sum(s => s.CpuSeconds());

    public IReadOnlyList<double> ResidentMegabytes() => [.. Servers.Select(s => s.ResidentMegabytes())];

    public void Dispose()
    {
        foreach (var s in Servers)
        {
            s.Dispose();
        }
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
