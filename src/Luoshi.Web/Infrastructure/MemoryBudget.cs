using Microsoft.AspNetCore.Mvc.TagHelpers;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// What an instance keeps in memory, sized in bytes (issue 16: each instance under 400 MB resident at a province of 100
/// districts): the <see cref="RevisionCache"/> with its budget "Luoshi:Cache:BudgetMegabytes" (default
/// <see cref="RevisionCache.DefaultBudgetMegabytes"/>), and the page fragments of the <c>&lt;cache&gt;</c> tag helper (the
/// dashboard's and supervision page's bodies, counted by the framework as their characters × 2) within
/// "Luoshi:Cache:PageFragmentsMegabytes" (default <see cref="DefaultPageFragmentsMegabytes"/>; the framework's own default is
/// 100), and the whole pages of the output cache (<see cref="PageOutputCache"/>, their bytes as sent before compression)
/// within "Luoshi:Cache:PageOutputMegabytes" (default <see cref="DefaultPageOutputMegabytes"/>). The garbage collector's settings are in Luoshi.Web.csproj. Figures: docs/benchmarks-web.md, "Memory".
/// </summary>
public static class MemoryBudget
{
    public const string PageFragmentsSetting = "Luoshi:Cache:PageFragmentsMegabytes";

    public const int DefaultPageFragmentsMegabytes = 8;

    public const string PageOutputSetting = "Luoshi:Cache:PageOutputMegabytes";

    public const int DefaultPageOutputMegabytes = 48;

    public static IServiceCollection AddMemoryBudget(this IServiceCollection services)
    {
        services.AddSingleton(sp => RevisionCache.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<CacheTagHelperOptions>().Configure<IConfiguration>((o, configuration) =>
            o.SizeLimit = Math.Max(1, configuration.GetValue(PageFragmentsSetting, DefaultPageFragmentsMegabytes)) * 1024L * 1024L);
        return services;
    }
}
