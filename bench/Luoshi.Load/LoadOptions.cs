using System.Globalization;
using Npgsql;

namespace Luoshi.Load;

/// <summary>
/// The benchmark's settings, from the command line. <see cref="Districts"/>: how many districts the dataset has (13, the
/// city; <c>--scale k</c> k × 13; <c>--province</c> 100); <see cref="Append"/>: <c>generate</c> adds the missing districts to the
/// existing database instead of recreating it (the districts are generated each from its own seed, so the result is the same);
/// <see cref="Instances"/>: web instances on the one database, requests spread round-robin over them;
/// <see cref="Operations"/>: after the reads, the timed operations (import and publish, circular) — off with <c>--no-ops</c>.
/// </summary>
public sealed record LoadOptions(string Command, int DurationSeconds, int WarmupSeconds, int Connections, int Port, int Rounds, string AdminConnection)
{
    public const int CityDistricts = 13;

    public const int ProvinceDistricts = 100;

    public int Districts { get; init; } = CityDistricts;

    public bool Append { get; init; }

    public int Instances { get; init; } = 1;

    public bool Operations { get; init; } = true;

    /// <summary>Skip building the web app (<c>--no-build</c>: it was built already).</summary>
    public bool NoBuild { get; init; }

    /// <summary>Only check the dataset's counts against what the generator claims (exit code 1 when they differ).</summary>
    public bool Check { get; init; }

    /// <summary>The benchmark's database: luoshi_load, or LUOSHI_LOAD_DB (so that two runs on one server do not drop each other's).</summary>
    public static readonly string DatabaseName = Environment.GetEnvironmentVariable("LUOSHI_LOAD_DB") ?? "luoshi_load";

    /// <summary>The save scenario's writers, each on a filing of its own (--writers).</summary>
    public int Writers { get; init; } = 16;

    /// <summary>The Accept-Encoding the read targets send (--encoding br, gzip); none: uncompressed answers.</summary>
    public string? AcceptEncoding { get; init; }

    public const string DefaultAdmin = "Host=127.0.0.1;Port=5432;Username=luoshi_test;Password=luoshi_test;Database=postgres";

    /// <summary>The benchmark's own database on the same server.</summary>
    public string DatabaseConnection => new NpgsqlConnectionStringBuilder(AdminConnection) { Database = DatabaseName, MaxPoolSize = 64 }.ConnectionString;

    public static LoadOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        if (command is not ("all" or "generate" or "run" or "check" or "drop" or "save" or "profile"))
        {
            throw new ArgumentException("command: all, generate, run, check, drop, save or profile");
        }

        int Int(string name, int fallback)
        {
            int i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        bool Flag(string name) => Array.IndexOf(args, "--" + name) >= 0;
        int districts = Flag("province") ? ProvinceDistricts : Int("districts", CityDistricts * Int("scale", 1));
        return new LoadOptions(command, Int("duration", 20), Int("warmup", 5), Int("connections", 16), Int("port", 5099), Int("rounds", 4),
            Environment.GetEnvironmentVariable("LUOSHI_LOAD_PG") ?? DefaultAdmin)
        {
            Districts = districts, Append = Flag("append"), Instances = Int("instances", Flag("province") ? 2 : 1), Operations = !Flag("no-ops"), NoBuild = Flag("no-build"),
            Check = command == "check",
            Writers = Int("writers", 16),
            AcceptEncoding = Array.IndexOf(args, "--encoding") is int e and >= 0 && e + 1 < args.Length ? args[e + 1] : null,
        };
    }
}

/// <summary>Where the repository is (the folder with Luoshi.sln), from the working directory up.</summary>
public static class Repo
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository (no Luoshi.sln above " + Directory.GetCurrentDirectory() + ")");
    }
}
