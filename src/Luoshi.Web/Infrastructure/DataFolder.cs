namespace Luoshi.Web.Infrastructure;

/// <summary>Finds the data folder (catalogues, demo seeds): "Luoshi:DataFolder", else the first data/ above the content root.</summary>
public static class DataFolder
{
    public static string? Find(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? configured = configuration["Luoshi:DataFolder"];
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data");
            if (Directory.Exists(Path.Combine(candidate, "catalogues")))
            {
                return candidate;
            }
        }

        return null;
    }
}
