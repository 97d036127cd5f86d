namespace Luoshi.Cli.Commands;

/// <summary>Finds and loads the district unit catalogues (YAML) for the CLI.</summary>
internal static class CatalogueFiles
{
    /// <summary>LUOSHI_CATALOGUES, else the copy beside the executable, else data/catalogues of the repository above.</summary>
    public static string? Locate(string? explicitFolder)
    {
        if (!string.IsNullOrEmpty(explicitFolder))
        {
            return explicitFolder;
        }

        string? env = Environment.GetEnvironmentVariable("LUOSHI_CATALOGUES");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        string beside = Path.Combine(AppContext.BaseDirectory, "catalogues");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", "catalogues");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static CatalogueSet Load(string? explicitFolder)
    {
        string? folder = Locate(explicitFolder);
        if (folder is null || !Directory.Exists(folder))
        {
            return new CatalogueSet([]);
        }

        return new CatalogueSet([.. Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => UnitCatalogue.Parse(File.ReadAllText(f)))]);
    }
}
