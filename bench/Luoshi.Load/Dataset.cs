using System.Diagnostics;
using System.Globalization;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Plans;
using Luoshi.Core.Features.Work;
using Luoshi.Core.Features.Units;
using LeadRule = Luoshi.Parsing.LeadRule;
using PartKind = Luoshi.Parsing.PartKind;
using Luoshi.Parsing.Calendar;
using Luoshi.Parsing.Catalogue;
using Luoshi.Parsing.Indicators;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Luoshi.Load;

/// <summary>
/// The city-scale dataset: Wuhan's 13 districts, each with ~60 units, a plan of ~200 items in four parts, every lead
/// unit's work plan and four quarterly reports with their history (open, save, submit, approve, accept; some returned
/// and sent again), numbers against the targets, and accounts (an office, a clerk and leaders per district). Written
/// with EF Core in bulk, straight into a database of its own that it drops and recreates; the same seed gives the same
/// data. The plan year is 2025, so every deadline has passed whatever the machine's date.
/// </summary>
public static class Dataset
{
    public const string Password = "Luoshi#2026";
    public const int Year = 2025;
    public const int UnitsPerDistrict = 60;
    public const int ItemsPerDistrict = 200;

    /// <summary>Wuhan's 13 districts: the city, and the first 13 of every larger dataset.</summary>
    public static readonly (string Code, string Name)[] CityDistricts =
    [
        ("jiangan", "江岸区"), ("jianghan", "江汉区"), ("qiaokou", "硚口区"), ("hanyang", "汉阳区"), ("wuchang", "武昌区"),
        ("qingshan", "青山区"), ("hongshan", "洪山区"), ("dongxihu", "东西湖区"), ("hannan", "汉南区"), ("caidian", "蔡甸区"),
        ("jiangxia", "江夏区"), ("huangpi", "黄陂区"), ("xinzhou", "新洲区"),
    ];

    private const string NameFirst = "安宁长丰平和永新阳明";
    private const string NameSecond = "兴华泰康清河远乐顺源";

    /// <summary>
    /// The first <paramref name="count"/> districts: Wuhan's 13, then the province's others (code d014 …, a made-up two-character
    /// name and 区 or 县; unique for up to 13 + 300).
    /// </summary>
    public static IReadOnlyList<(string Code, string Name)> Districts(int count)
    {
        var all = new List<(string, string)>(CityDistricts.Take(count));
        for (int i = CityDistricts.Length; i < count; i++)
        {
            int k = i - CityDistricts.Length;
            all.Add(($"d{i + 1:000}", $"{NameFirst[k % 10]}{NameSecond[k / 10 % 10]}{"区县市"[k / 100 % 3]}"));
        }

        return all;
    }

    /// <summary>The city-level viewer (市级查看) who reads every district: the city comparison's account.</summary>
    public const string CityViewer = "city.viewer";

    private static readonly string[] Departments =
    [
        "区发展和改革局", "区教育局", "区科技局", "区经济和信息化局", "区民政局", "区司法局", "区财政局", "区人力资源和社会保障局",
        "区自然资源和规划局", "区生态环境局", "区住房和城市更新局", "区城市管理执法局", "区水务和湖泊局", "区商务局", "区文化和旅游局",
        "区卫生健康委员会", "区退役军人事务局", "区应急管理局", "区审计局", "区市场监督管理局", "区统计局", "区医疗保障局",
        "区行政审批局", "区信访局", "区投资促进中心", "区数据局", "区机关事务服务中心", "区委组织部", "区委宣传部", "区委统战部",
        "区委政法委员会", "区总工会", "团区委", "区妇联", "区档案馆", "区消防救援大队", "区公安分局", "区税务局", "区产投集团",
        "区城建集团", "区经济开发区管委会", "区人民政府办公室",
    ];

    private static readonly string[] Places = ["大智", "一元", "车站", "永清", "球场", "劳动", "二七", "新村", "丹水池", "台北", "花桥", "谌家矶", "后湖", "塔子湖", "百步亭", "西马", "南湖", "东湖"];

    private static readonly string[] Verbs = ["推进", "加快", "实施", "完善", "深化", "落实", "提升", "健全", "开展", "打造"];

    private static readonly string[] Objects =
    [
        "老旧小区改造", "城市更新重点片区建设", "营商环境优化", "科技创新平台建设", "重点项目招商引资", "养老服务体系建设", "基础教育扩容提质",
        "医疗卫生服务能力提升", "生态环境综合治理", "智慧城市建设", "安全生产专项整治", "就业创业服务", "文旅商融合发展", "数字经济发展",
        "社区治理体系建设", "防汛排涝设施建设", "停车泊位建设", "口袋公园建设", "菜市场改造提升", "政务服务“高效办成一件事”",
    ];

    private static readonly (string Measure, string Unit, IndicatorSense Sense, decimal Min, decimal Max)[] Measures =
    [
        ("新增停车泊位", "个", IndicatorSense.AtLeast, 1000, 12000), ("改造老旧小区", "个", IndicatorSense.Target, 10, 80),
        ("新增就业", "人", IndicatorSense.AtLeast, 5000, 30000), ("固定资产投资增长", "%", IndicatorSense.Growth, 3, 10),
        ("地区生产总值增长", "%", IndicatorSense.About, 4, 8), ("空气质量优良率", "%", IndicatorSense.AtLeast, 70, 90),
        ("新建口袋公园", "个", IndicatorSense.Target, 5, 30), ("招商引资到位资金", "亿元", IndicatorSense.AtLeast, 50, 500),
        ("PM2.5 年均浓度", "微克/立方米", IndicatorSense.AtMost, 30, 45), ("新增养老床位", "张", IndicatorSense.AtLeast, 100, 1200),
    ];

    private static readonly DateOnly[] Due = [new(Year, 1, 20), new(Year, 4, 10), new(Year, 7, 10), new(Year, 10, 10), new(Year + 1, 1, 10)];
    private static readonly ReportPeriod[] Periods = [ReportPeriod.WorkPlan, ReportPeriod.Q1, ReportPeriod.Q2, ReportPeriod.Q3, ReportPeriod.Q4];

    public static async Task GenerateAsync(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var total = Stopwatch.StartNew();
        int existing = 0;
        if (options.Append && await DatabaseExistsAsync(options))
        {
            await using var db0 = Open(options.DatabaseConnection);
            existing = await db0.Districts.CountAsync();
            Console.WriteLine($"  database {LoadOptions.DatabaseName} has {existing} districts; adding {Math.Max(0, options.Districts - existing)}");
        }
        else
        {
            await RecreateDatabaseAsync(options);
            var db = Open(options.DatabaseConnection);
            await db.Database.MigrateAsync();
            await db.DisposeAsync();
            Console.WriteLine($"  database {LoadOptions.DatabaseName} created and migrated ({total.Elapsed.TotalSeconds:0.0} s)");
        }

        string hash = new PasswordHasher<AppUser>().HashPassword(new AppUser { DisplayName = "x" }, Password);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (existing == 0)
        {
            await using var cdb = Open(options.DatabaseConnection);
            cdb.Users.Add(User(CityViewer, "市政府督查室（市级查看）", AppRole.CityViewer, null, null, hash));
            await cdb.SaveChangesAsync();
            Count(counts, "accounts", 1);
        }

        var districts = Districts(options.Districts);
        for (int index = existing; index < districts.Count; index++)
        {
            var (code, name) = districts[index];
            var sw = Stopwatch.StartNew();
            await using var ddb = Open(options.DatabaseConnection);
            ddb.ChangeTracker.AutoDetectChangesEnabled = false;
            // One transaction per district (a district is whole or absent), its own seed (the same data whatever the order).
            await using var tx = await ddb.Database.BeginTransactionAsync();
            await DistrictAsync(ddb, code, name, hash, new Random(20260101 + index), counts);
            await tx.CommitAsync();
            if (index < 13 || (index + 1) % 10 == 0 || index == districts.Count - 1)
            {
                Console.WriteLine($"  {name} ({code}, {index + 1}/{districts.Count}): {sw.Elapsed.TotalSeconds:0.0} s");
            }
        }

        await using (var conn = new NpgsqlConnection(options.DatabaseConnection))
        {
            await conn.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", conn);
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine("  written: " + string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value.ToString("N0", CultureInfo.InvariantCulture)}")));
        Console.WriteLine($"  generated in {total.Elapsed.TotalSeconds:0.0} s");
    }

    private static async Task<bool> DatabaseExistsAsync(LoadOptions options)
    {
        await using var conn = new NpgsqlConnection(options.AdminConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        cmd.Parameters.AddWithValue("n", LoadOptions.DatabaseName);
        return await cmd.ExecuteScalarAsync() is not null;
    }

    /// <summary>Drops the benchmark's database (after a run: <c>drop</c>).</summary>
    public static async Task DropAsync(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var conn = new NpgsqlConnection(options.AdminConnection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{LoadOptions.DatabaseName}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
        Console.WriteLine($"  database {LoadOptions.DatabaseName} dropped");
    }

    private static AppUser User(string userName, string display, AppRole role, int? districtId, int? unitId, string hash) => new()
    {
        UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = display, Role = role, DistrictId = districtId,
        UnitId = unitId, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        LockoutEnabled = true,
    };

    /// <summary>The codes of the districts in the database, in the order they were generated.</summary>
    public static async Task<IReadOnlyList<string>> DistrictCodesAsync(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var db = Open(options.DatabaseConnection);
        return await db.Districts.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Code).ToListAsync();
    }

    /// <summary>
    /// Counts the rows of the database against what the generator claims for its number of districts: per district 60 units,
    /// 8 accounts, one plan of 200 items in 4 parts, 1–2 lead and 0–3 co units an item; every lead link a work plan and 4 reports
    /// less ≈ 4 % missing; 5 events a filing, 8 for one in ten; plus the city viewer. The problems found (none: empty).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var db = Open(options.DatabaseConnection);
        int n = await db.Districts.CountAsync();
        var problems = new List<string>();
        void Exactly(string what, long actual, long expected)
        {
            Console.WriteLine($"  {what}: {actual:N0} (expected {expected:N0})");
            if (actual != expected)
            {
                problems.Add($"{what}: {actual} rows, expected {expected}");
            }
        }

        void Between(string what, long actual, double low, double high)
        {
            Console.WriteLine($"  {what}: {actual:N0} (expected {low:N0}–{high:N0})");
            if (actual < low || actual > high)
            {
                problems.Add($"{what}: {actual} rows, expected {low:0}–{high:0}");
            }
        }

        Exactly("districts", n, options.Districts);
        Exactly("units", await db.Units.CountAsync(), (long)n * UnitsPerDistrict);
        Exactly("accounts", await db.Users.CountAsync(), (8L * n) + 1);
        Exactly("plans", await db.Plans.CountAsync(p => p.Year == Year), n);
        // Only the generated year's plans: a run's import publishes a plan of the next year in the first district.
        var plans = db.Plans.Where(p => p.Year == Year).Select(p => p.Id);
        Exactly("items", await db.PlanItems.CountAsync(i => plans.Contains(i.PlanId)), (long)n * ItemsPerDistrict);
        long items = (long)n * ItemsPerDistrict;
        var itemUnits = db.ItemUnits.Where(u => db.PlanItems.Any(i => i.Id == u.ItemId && plans.Contains(i.PlanId)));
        long leads = await itemUnits.CountAsync(u => u.Role == UnitRole.Lead);
        Between("lead links", leads, items, items * 2);
        Between("item units", await itemUnits.CountAsync(), leads, leads + (items * 3));
        long filings = await db.Filings.CountAsync();
        Exactly("work plans", await db.Filings.CountAsync(f => f.Period == ReportPeriod.WorkPlan), leads);
        Between("filings", filings, leads * (1 + (4 * 0.94)), leads * (1 + (4 * 0.98)));
        Between("filing events", await db.FilingEvents.CountAsync(), filings * 5 * 1.0, filings * 5 * 1.1);
        Exactly("filings without their 5 or 8 events", await db.Filings.CountAsync(f => db.FilingEvents.Count(e => e.FilingId == f.Id) != 5 && db.FilingEvents.Count(e => e.FilingId == f.Id) != 8), 0);
        return problems;
    }

    internal static LuoshiDb Open(string connection)
    {
        var builder = new DbContextOptionsBuilder<LuoshiDb>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Postgres, connection);
        return new LuoshiDb(builder.Options);
    }

    private static async Task RecreateDatabaseAsync(LoadOptions options)
    {
        await using var conn = new NpgsqlConnection(options.AdminConnection);
        await conn.OpenAsync();
        foreach (string sql in new[] { $"DROP DATABASE IF EXISTS \"{LoadOptions.DatabaseName}\" WITH (FORCE)", $"CREATE DATABASE \"{LoadOptions.DatabaseName}\"" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static void Count(Dictionary<string, long> counts, string what, long n) => counts[what] = counts.GetValueOrDefault(what) + n;

    private static async Task DistrictAsync(LuoshiDb db, string code, string name, string hash, Random rng, Dictionary<string, long> counts)
    {
        var district = new District { Code = code, Name = name, City = CityDistricts.Any(d => d.Code == code) ? "武汉市" : "湖北省", Revision = 1 };
        db.Districts.Add(district);
        await db.SaveChangesAsync();

        var units = new List<Unit>();
        for (int i = 0; i < UnitsPerDistrict; i++)
        {
            bool dept = i < Departments.Length;
            string unitName = dept ? Departments[i] : Places[(i - Departments.Length) % Places.Length] + "街道办事处";
            units.Add(new Unit { DistrictId = district.Id, Name = unitName, Kind = dept ? UnitKind.Department : UnitKind.Subdistrict });
        }

        db.Units.AddRange(units);
        await db.SaveChangesAsync();
        Count(counts, "units", units.Count);

        var leaders = Enumerable.Range(1, 6).Select(n => User($"{code}.leader{n}", $"{name}副区长{n}", AppRole.Leader, district.Id, null, hash)).ToList();
        var users = new List<AppUser>(leaders)
        {
            User(code + ".office", name + "政府督查室", AppRole.Office, district.Id, null, hash),
            User(code + ".clerk", name + "发改局填报人", AppRole.Clerk, district.Id, units[0].Id, hash),
        };
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        Count(counts, "accounts", users.Count);

        // Most units have a leader in charge; a few are left unset (the dashboard's 未设置).
        foreach (var u in units.Where((_, i) => i % 10 != 9))
        {
            u.LeaderUserId = leaders[rng.Next(leaders.Count)].Id;
            db.Entry(u).Property(x => x.LeaderUserId).IsModified = true;
        }

        await db.SaveChangesAsync();
        await PlanAsync(db, district, name, units, rng, counts);
    }

    private static async Task PlanAsync(LuoshiDb db, District district, string name, List<Unit> units, Random rng, Dictionary<string, long> counts)
    {
        var calendar = new PlanCalendar([.. Periods.Select((p, i) => new Deadline(p, Due[i], Due[i].ToString("M月d日", CultureInfo.InvariantCulture), 0, false))],
            name + "人民政府办公室", ReporterRole.LeadUnits, false, [], []);
        var plan = new Plan
        {
            DistrictId = district.Id, Year = Year, DocNumber = $"{name[..1]}政办〔{Year}〕1号", Title = $"{name}{Year}年政府工作报告目标任务责任分解方案",
            Issuer = name + "人民政府办公室", LeadRule = LeadRule.ResponsibleUnitsLead, SourceText = "（负载测试数据）", SourceFileName = "load.txt",
            CalendarJson = calendar.ToJson(), PublishedAt = new DateTimeOffset(Year, 1, 5, 2, 0, 0, TimeSpan.Zero), PublishedBy = "load",
        };
        var partSizes = new[] { (PartKind.Targets, "一、主要预期目标", 8), (PartKind.KeyWork, "二、重点工作", 140), (PartKind.SelfBuilding, "三、政府自身建设", 12), (PartKind.Livelihood, "四、民生实事", ItemsPerDistrict - 160) };
        plan.Parts.AddRange(partSizes.Select((p, i) => new PlanPart { Index = i + 1, Kind = p.Item1, Title = $"{p.Item2}（共 {p.Item3} 项）", DeclaredCount = p.Item3 }));
        db.Plans.Add(plan);
        await db.SaveChangesAsync();

        string[] numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];
        int seq = 0;
        var items = new List<PlanItem>();
        for (int p = 0; p < partSizes.Length; p++)
        {
            int size = partSizes[p].Item3;
            for (int k = 0; k < size; k++)
            {
                seq++;
                int groupNo = size >= 40 ? k * 8 / size : -1;
                string text = $"{Pick(rng, Verbs)}{Pick(rng, Objects)}，{Pick(rng, Verbs)}{Pick(rng, Objects)}，确保{Pick(rng, Objects)}取得明显成效，年底前完成年度目标任务。";
                var item = new PlanItem
                {
                    PlanId = plan.Id, PartId = plan.Parts[p].Id, Seq = seq, Number = (k + 1).ToString(CultureInfo.InvariantCulture), Text = text,
                    Group = groupNo < 0 ? null : $"（{numerals[groupNo]}）{Pick(rng, Verbs)}{Pick(rng, Objects)}", Deadline = "12月底前",
                };
                int leadCount = rng.Next(10) < 7 ? 1 : 2;
                foreach (int u in Enumerable.Range(0, units.Count).OrderBy(_ => rng.Next()).Take(leadCount + rng.Next(4)).Select((u, i) => i < leadCount ? u : -1 - u))
                {
                    var unit = units[u >= 0 ? u : -1 - u];
                    item.Units.Add(new ItemUnit { UnitId = unit.Id, Role = u >= 0 ? UnitRole.Lead : UnitRole.Co, Printed = unit.Name });
                }

                if (p == 0 || rng.Next(10) < 3)
                {
                    for (int t = 0; t < 1 + rng.Next(2); t++)
                    {
                        var m = Measures[rng.Next(Measures.Length)];
                        decimal value = Math.Round(m.Min + ((m.Max - m.Min) * (decimal)rng.NextDouble()), m.Unit == "%" ? 1 : 0);
                        item.Indicators.Add(new ItemIndicator { Seq = t + 1, Measure = m.Measure, Value = value, Unit = m.Unit, Sense = m.Sense, Printed = $"{m.Measure} {value} {m.Unit}" });
                    }
                }

                items.Add(item);
            }
        }

        db.PlanItems.AddRange(items);
        await db.SaveChangesAsync();
        Count(counts, "items", items.Count);
        Count(counts, "item units", items.Sum(i => i.Units.Count));
        Count(counts, "targets", items.Sum(i => i.Indicators.Count));
        db.ChangeTracker.Clear();
        await FilingsAsync(db, district, plan, items, rng, counts);
    }

    private static async Task FilingsAsync(LuoshiDb db, District district, Plan plan, List<PlanItem> items, Random rng, Dictionary<string, long> counts)
    {
        var filings = new List<Filing>();
        foreach (var item in items)
        {
            foreach (var lead in item.Units.Where(u => u.Role == UnitRole.Lead))
            {
                for (int p = 0; p < Periods.Length; p++)
                {
                    int roll = rng.Next(100);
                    if (p > 0 && roll < 4)
                    {
                        continue; // missing
                    }

                    bool late = roll >= 92;
                    var due = Due[p].ToDateTime(new TimeOnly(10, 0));
                    var submitted = new DateTimeOffset(due.AddDays(late ? 1 + rng.Next(20) : -1 - rng.Next(10)), TimeSpan.FromHours(8)).ToUniversalTime();
                    filings.Add(NewFiling(district, plan, item, lead.UnitId, Periods[p], submitted, p, rng));
                }
            }
        }

        // The history (5–8 events a filing, the largest table) goes in by COPY once the filings have their ids; the filings
        // and their actuals by EF in batches. All in the district's transaction.
        var events = filings.Select(f => (Filing: f, Events: f.Events.ToList())).ToList();
        foreach (var f in filings)
        {
            f.Events.Clear();
        }

        foreach (var batch in filings.Chunk(2000))
        {
            db.Filings.AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await CopyEventsAsync(db, events);
        Count(counts, "filings", filings.Count);
        Count(counts, "filing events", events.Sum(e => e.Events.Count));
        Count(counts, "actuals", filings.Sum(f => f.Actuals.Count));
    }

    private static async Task CopyEventsAsync(LuoshiDb db, List<(Filing Filing, List<FilingEvent> Events)> events)
    {
        var type = db.Model.FindEntityType(typeof(FilingEvent))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        string Column(string property) => "\"" + type.FindProperty(property)!.GetColumnName(table) + "\"";
        string[] columns = [nameof(FilingEvent.FilingId), nameof(FilingEvent.At), nameof(FilingEvent.Actor), nameof(FilingEvent.ActorName), nameof(FilingEvent.Action),
            nameof(FilingEvent.From), nameof(FilingEvent.To), nameof(FilingEvent.Comment), nameof(FilingEvent.Snapshot)];
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY \"{type.GetTableName()}\" ({string.Join(", ", columns.Select(Column))}) FROM STDIN (FORMAT BINARY)");
        foreach (var (filing, list) in events)
        {
            foreach (var e in list)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(filing.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(e.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(e.Actor, NpgsqlDbType.Text);
                await copy.WriteAsync(e.ActorName, NpgsqlDbType.Text);
                await copy.WriteAsync(e.Action, NpgsqlDbType.Text);
                await copy.WriteAsync(e.From.ToString(), NpgsqlDbType.Text); // stored as the enum's name (HasConversion<string>)
                await copy.WriteAsync(e.To.ToString(), NpgsqlDbType.Text);
                await WriteNullableAsync(copy, e.Comment);
                await WriteNullableAsync(copy, e.Snapshot);
            }
        }

        await copy.CompleteAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Text);
        }
    }

    private static Filing NewFiling(District district, Plan plan, PlanItem item, int unitId, ReportPeriod period, DateTimeOffset submitted, int quarter, Random rng)
    {
        var opened = submitted.AddDays(-3);
        bool report = period != ReportPeriod.WorkPlan;
        var f = new Filing
        {
            DistrictId = district.Id, PlanId = plan.Id, ItemId = item.Id, UnitId = unitId, Period = period, State = FilingState.Accepted,
            Leader = report ? null : "副区长", Section = report ? null : "综合科",
            StepsJson = report ? "[]" : WorkSteps.ToJson([new WorkStep(null, "制定实施方案，明确责任分工", "3月底前"), new WorkStep(null, "全面推进实施，按季度调度", "12月底前")]),
            Progress = report ? $"第{quarter}季度：{item.Text[..Math.Min(40, item.Text.Length)]}……已按计划推进，完成阶段性任务。" : null,
            Problems = report ? "部分项目前期手续办理进度偏慢。下一步将加强调度，倒排工期。" : null,
            Completed = period == ReportPeriod.Q4 && rng.Next(10) < 6,
            CreatedAt = opened, UpdatedAt = submitted.AddDays(2), UpdatedBy = "office", SubmittedAt = submitted, AcceptedAt = submitted.AddDays(2), Version = 5,
        };
        if (report)
        {
            foreach (var t in item.Indicators)
            {
                decimal progress = t.Unit == "%" ? 1m : quarter / 4m;
                decimal value = t.Sense == IndicatorSense.AtMost ? t.Value * (1.2m - (0.3m * (decimal)rng.NextDouble())) : t.Value * progress * (0.6m + (0.6m * (decimal)rng.NextDouble()));
                f.Actuals.Add(new ReportActual { IndicatorId = t.Id, Value = Math.Round(value, 2) });
            }
        }

        void Event(DateTimeOffset at, string actor, string action, FilingState from, FilingState to, string? comment = null, bool snapshot = false) =>
            f.Events.Add(new FilingEvent
            {
                At = at, Actor = actor, ActorName = actor, Action = action, From = from, To = to, Comment = comment,
                Snapshot = snapshot ? $"{{\"progress\":\"{f.Progress}\",\"problems\":\"{f.Problems}\"}}" : null,
            });

        Event(opened, "clerk", "open", FilingState.Draft, FilingState.Draft);
        Event(opened.AddHours(2), "clerk", "save", FilingState.Draft, FilingState.Draft);
        if (rng.Next(10) == 0)
        {
            Event(opened.AddHours(3), "clerk", "submit", FilingState.Draft, FilingState.AwaitingHead, snapshot: true);
            Event(opened.AddHours(20), "head", "return", FilingState.AwaitingHead, FilingState.ReturnedByHead, "请补充量化数据。");
            Event(opened.AddDays(1), "clerk", "save", FilingState.ReturnedByHead, FilingState.ReturnedByHead);
            Event(opened.AddDays(1).AddHours(1), "clerk", "submit", FilingState.ReturnedByHead, FilingState.AwaitingHead, snapshot: true);
        }
        else
        {
            Event(opened.AddHours(3), "clerk", "submit", FilingState.Draft, FilingState.AwaitingHead, snapshot: true);
        }

        Event(submitted, "head", "approve", FilingState.AwaitingHead, FilingState.AwaitingOffice);
        Event(submitted.AddDays(2), "office", "accept", FilingState.AwaitingOffice, FilingState.Accepted);
        return f;
    }

    private static string Pick(Random rng, string[] from) => from[rng.Next(from.Length)];
}
