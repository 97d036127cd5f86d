namespace Luoshi.Core.Features.Supervision;

/// <summary>Which template forms a district's units fill in.</summary>
public enum FormStyle
{
    /// <summary>江岸 样表: 具体工作内容 with 完成时限, 分管领导, 责任科室.</summary>
    Jiangan,

    /// <summary>洪山 附件1 (四个季度的工作安排) and 附件2 (完成情况, 存在主要问题及下步工作打算).</summary>
    Hongshan,
}

/// <summary>
/// How the district's circulars are headed (GB/T 9704-2012 7.2.2): the issuer's name alone, or the 文件 form, whose red mark
/// reads "…人民政府办公室文件".
/// </summary>
public enum CircularForm
{
    /// <summary>普通: the mark is the issuer's name.</summary>
    Plain,

    /// <summary>文件式: the issuer's name followed by 文件.</summary>
    File,
}

/// <summary>A district's own rules for running the year, set by its office. Defaults fit most notices.</summary>
public sealed class DistrictSettings
{
    /// <summary>The district (one row each).</summary>
    public int DistrictId { get; set; }

    /// <summary>Amber when at least this many points behind the time elapsed.</summary>
    public int AmberPoints { get; set; } = 10;

    /// <summary>Red when at least this many points behind.</summary>
    public int RedPoints { get; set; } = 30;

    /// <summary>Co-units file to the lead unit first; null: as the notice says.</summary>
    public bool? CoUnitsReportToLead { get; set; }

    public FormStyle FormStyle { get; set; }

    /// <summary>Days before a deadline on which clerks are reminded, comma-separated (e.g. "3,1").</summary>
    public string RemindDaysBefore { get; set; } = "3,1";

    public int RepeatEveryDaysAfter { get; set; } = 2;

    public int EscalateToHeadAfterDays { get; set; } = 3;

    public int EscalateToLeaderAfterDays { get; set; } = 7;

    public int MaxNudgesPerPersonPerWeek { get; set; } = 3;

    /// <summary>The work messenger's robot address (企业微信/钉钉/飞书); null: no webhook.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>WeCom, DingTalk, Feishu or Generic.</summary>
    public string WebhookFormat { get; set; } = "WeCom";

    /// <summary>The circular's issuer (发文机关), e.g. 江岸区人民政府办公室.</summary>
    public string? CircularIssuer { get; set; }

    /// <summary>Whether the circular's issuer mark is the 文件 form (<see cref="CircularForm.File"/>).</summary>
    public CircularForm CircularForm { get; set; }

    /// <summary>The circular's number prefix (发文字号 without the year and number), e.g. 岸政办督.</summary>
    public string? CircularPrefix { get; set; }

    /// <summary>Optimistic concurrency.</summary>
    public int Version { get; set; }

    public IReadOnlyList<int> DaysBefore() =>
        [.. RemindDaysBefore.Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int d) ? d : -1)
            .Where(d => d >= 0).Distinct().Order()];

    public StatusThresholds Thresholds() => new(AmberPoints, RedPoints);
}

internal sealed class DistrictSettingsConfiguration : IEntityTypeConfiguration<DistrictSettings>
{
    public void Configure(EntityTypeBuilder<DistrictSettings> b)
    {
        b.HasKey(x => x.DistrictId);
        b.Property(x => x.DistrictId).ValueGeneratedNever();
        b.Property(x => x.FormStyle).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.RemindDaysBefore).HasMaxLength(64);
        b.Property(x => x.WebhookUrl).HasMaxLength(1024);
        b.Property(x => x.WebhookFormat).HasMaxLength(16);
        b.Property(x => x.CircularIssuer).HasMaxLength(128);
        b.Property(x => x.CircularPrefix).HasMaxLength(64);
        b.Property(x => x.CircularForm).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Districts.District>().WithOne().HasForeignKey<DistrictSettings>(x => x.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}
