using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Audit;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Units;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Core.Data;

/// <summary>The one DbContext of Luoshi. Identity's tables, the data-protection keys (shared by every web instance) and the domain.</summary>
public sealed class LuoshiDb(DbContextOptions<LuoshiDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<District> Districts => Set<District>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<UnitCollective> UnitCollectives => Set<UnitCollective>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<PlanPart> PlanParts => Set<PlanPart>();

    public DbSet<PlanItem> PlanItems => Set<PlanItem>();

    public DbSet<ItemUnit> ItemUnits => Set<ItemUnit>();

    public DbSet<ItemIndicator> ItemIndicators => Set<ItemIndicator>();

    public DbSet<ImportDraft> ImportDrafts => Set<ImportDraft>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LuoshiDb).Assembly);
    }
}
