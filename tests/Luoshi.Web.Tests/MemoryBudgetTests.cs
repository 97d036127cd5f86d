using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Tests;

/// <summary>Issue 16: what an instance keeps is bounded by the three budgets of its configuration (MemoryBudget.cs).</summary>
public sealed class MemoryBudgetTests
{
    [Fact]
    public void Defaults_AreTheDocumentedBudgets()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        var services = factory.Services;
        services.GetRequiredService<RevisionCache>().BudgetBytes.ShouldBe(RevisionCache.DefaultBudgetMegabytes * 1024L * 1024L);
        services.GetRequiredService<IOptions<CacheTagHelperOptions>>().Value.SizeLimit.ShouldBe(MemoryBudget.DefaultPageFragmentsMegabytes * 1024L * 1024L);
        services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit.ShouldBe(MemoryBudget.DefaultPageOutputMegabytes * 1024L * 1024L);
    }

    [Fact]
    public void EachBudget_IsSetByItsSetting()
    {
        using var factory = new LuoshiWebFactory(DatabaseProvider.Sqlite);
        factory.Settings[RevisionCache.BudgetSetting] = "40";
        factory.Settings[MemoryBudget.PageFragmentsSetting] = "12";
        factory.Settings[MemoryBudget.PageOutputSetting] = "20";
        var services = factory.Services;
        services.GetRequiredService<RevisionCache>().BudgetBytes.ShouldBe(40L * 1024 * 1024);
        services.GetRequiredService<IOptions<CacheTagHelperOptions>>().Value.SizeLimit.ShouldBe(12L * 1024 * 1024);
        services.GetRequiredService<IOptions<OutputCacheOptions>>().Value.SizeLimit.ShouldBe(20L * 1024 * 1024);
    }
}
