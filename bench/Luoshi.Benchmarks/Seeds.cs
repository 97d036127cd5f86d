using System.Text;

namespace Luoshi.Benchmarks;

/// <summary>
/// Finds the seed notices and builds the benchmark inputs from them. The seeds live beside the repository
/// (<c>tests/seeds</c> of the repository, else <c>../shared/seeds</c> beside the folder holding <c>Luoshi.sln</c>); <c>LUOSHI_SEEDS</c> overrides the folder.
/// </summary>
internal static class Seeds
{
    /// <summary>Environment variable naming the seed folder, overriding the search.</summary>
    public const string EnvironmentVariable = "LUOSHI_SEEDS";

    /// <summary>Separator put between concatenated seeds, so one notice's last line never runs into the next one's first.</summary>
    public const string Separator = "\n";

    private static readonly Lazy<string> LazyDirectory = new(Locate);
    private static readonly Lazy<string[]> LazyNames = new(() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.txt")
            .Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)]);

    private static readonly Lazy<string[]> LazyTexts = new(() => [.. Names.Select(Read)]);

    /// <summary>The seed folder.</summary>
    public static string Directory => LazyDirectory.Value;

    /// <summary>The seed file names, in ordinal order.</summary>
    public static IReadOnlyList<string> Names => LazyNames.Value;

    /// <summary>The seeds' texts, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<string> Texts => LazyTexts.Value;

    /// <summary>Reads one seed by file name.</summary>
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name), Encoding.UTF8);

    /// <summary>UTF-8 size of a text, the unit of every MB/s figure.</summary>
    public static long Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>Size in UTF-8 bytes of one copy of every seed, each followed by <see cref="Separator"/> (the "base").</summary>
    public static long BaseBytes => Texts.Sum(t => Utf8Bytes(t) + Separator.Length);

    /// <summary>The base (every seed, each followed by the separator) repeated <paramref name="multiple"/> times.</summary>
    public static string Repeat(int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        var builder = new StringBuilder(checked((int)(Texts.Sum(t => (long)t.Length + Separator.Length) * multiple)));
        for (int i = 0; i < multiple; i++)
        {
            foreach (string text in Texts)
            {
                builder.Append(text).Append(Separator);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whole seeds, cycled in order, until the text reaches at least <paramref name="targetBytes"/> UTF-8 bytes.</summary>
    public static string AtLeast(long targetBytes)
    {
        var builder = new StringBuilder();
        long bytes = 0;
        for (int i = 0; bytes < targetBytes; i++)
        {
            string text = Texts[i % Texts.Count];
            builder.Append(text).Append(Separator);
            bytes += Utf8Bytes(text) + Separator.Length;
        }

        return builder.ToString();
    }

    private static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            string full = Path.GetFullPath(fromEnvironment);
            return System.IO.Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"{EnvironmentVariable}={fromEnvironment}: no such folder.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                string inRepository = Path.Combine(dir.FullName, "tests", "seeds");
                if (System.IO.Directory.Exists(inRepository))
                {
                    return inRepository;
                }

                string seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
                return System.IO.Directory.Exists(seeds)
                    ? seeds
                    : throw new DirectoryNotFoundException(
                        $"Found {dir.FullName}/Luoshi.sln but no {seeds}; set {EnvironmentVariable} to the seed folder.");
            }
        }

        throw new DirectoryNotFoundException(
            $"No Luoshi.sln above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the seed folder.");
    }
}
