namespace Luoshi.Core.Features.Accounts;

/// <summary>What a person is. One role per account; what it may do is <see cref="AccessPolicy"/>'s row; the scope comes from <see cref="AppUser.DistrictId"/> and <see cref="AppUser.UnitId"/>.</summary>
public enum AppRole
{
    /// <summary>系统管理员: accounts and districts, everywhere; files, approves and audits nothing.</summary>
    Admin,

    /// <summary>督查室工作人员: imports and runs the plan of one district.</summary>
    Office,

    /// <summary>单位填报人: fills in its own unit's work.</summary>
    Clerk,

    /// <summary>单位负责人: approves its own unit's work.</summary>
    UnitHead,

    /// <summary>区领导: reads everything of one district.</summary>
    Leader,

    /// <summary>市级查看: reads every district of the city.</summary>
    CityViewer,

    /// <summary>安全管理员: the security policy and unlocking accounts (三员分立).</summary>
    SecurityAdmin,

    /// <summary>审计管理员: reads the audit log and nothing else (三员分立).</summary>
    AuditAdmin,
}

/// <summary>A person who signs in.</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    public AppRole Role { get; set; }

    /// <summary>The district for Office, Clerk, UnitHead and Leader; null for the administrators and CityViewer.</summary>
    public int? DistrictId { get; set; }

    /// <summary>The unit for Clerk and UnitHead.</summary>
    public int? UnitId { get; set; }

    /// <summary>The password was set by someone else (an initial or reset password): the next sign-in must change it first.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Disabled (停用) by the office or the admin: cannot sign in; its sessions end with the security stamp.</summary>
    public bool Disabled { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(64);
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Districts.District>().WithMany().HasForeignKey(x => x.DistrictId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
