using Luoshi.Core.Features.Circulars;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Orders;
using Luoshi.Core.Features.Scores;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

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

    public DbSet<Filing> Filings => Set<Filing>();

    public DbSet<ReportActual> ReportActuals => Set<ReportActual>();

    public DbSet<FilingEvent> FilingEvents => Set<FilingEvent>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<PlannedTarget> PlannedTargets => Set<PlannedTarget>();

    public DbSet<PeriodLock> PeriodLocks => Set<PeriodLock>();

    public DbSet<DistrictSettings> DistrictSettings => Set<DistrictSettings>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Lease> Leases => Set<Lease>();

    public DbSet<SupervisionOrder> SupervisionOrders => Set<SupervisionOrder>();

    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();

    public DbSet<OrderAttachment> OrderAttachments => Set<OrderAttachment>();

    public DbSet<Features.Supervision.SupervisionContact> SupervisionContacts => Set<Features.Supervision.SupervisionContact>();

    public DbSet<Circular> Circulars => Set<Circular>();

    public DbSet<ScoreScheme> ScoreSchemes => Set<ScoreScheme>();

    public DbSet<QualityGrade> QualityGrades => Set<QualityGrade>();

    public DbSet<Features.Years.YearChoice> YearChoices => Set<Features.Years.YearChoice>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();

    public DbSet<AuditSeal> AuditSeals => Set<AuditSeal>();
    public DbSet<NumberSeries> NumberSeries => Set<NumberSeries>();

    public DbSet<IssuedNumber> IssuedNumbers => Set<IssuedNumber>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LuoshiDb).Assembly);
    }
}
