using Luoshi.Core.Common;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Districts;
using Luoshi.Core.Features.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Luoshi.Core.Tests.Accounts;

/// <summary>The account use cases over a real SQLite database (schema from the model) and Identity's real user manager.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "luoshi-accounts-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly ServiceProvider _services;
    private readonly int _hongshan;
    private readonly int _jiangan;

    public AccountServiceTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<LuoshiDb>(o => DatabaseSetup.Configure(o, DatabaseProvider.Sqlite, "Data Source=" + _file));
        services.AddIdentityCore<AppUser>(o =>
        {
            o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
            o.Lockout.AllowedForNewUsers = true;
        }).AddEntityFrameworkStores<LuoshiDb>();
        services.Replace(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, PasswordPolicy>());
        services.AddScoped<AccountService>();
        services.AddScoped<SignInGuard>();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        db.Database.EnsureCreated();
        var hs = new District { Code = "hongshan", Name = "洪山区" };
        var ja = new District { Code = "jiangan", Name = "江岸区" };
        db.Districts.AddRange(hs, ja);
        db.SaveChanges();
        db.Units.AddRange(
            new Unit { DistrictId = hs.Id, Name = "区发展和改革局", Aliases = "区发改局" },
            new Unit { DistrictId = hs.Id, Name = "区教育局" },
            new Unit { DistrictId = ja.Id, Name = "区发展和改革局" });
        db.SaveChanges();
        _hongshan = hs.Id;
        _jiangan = ja.Id;
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private Actor Office(int district) => new("office" + district, "督查室", AppRole.Office, district, null);

    private async Task<T> With<T>(Func<AccountService, LuoshiDb, Task<T>> run)
    {
        using var scope = _services.CreateScope();
        return await run(scope.ServiceProvider.GetRequiredService<AccountService>(), scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    private Task<Outcome<RosterOutcome>> Create(Actor actor, int district, params RosterEntry[] rows) => With((s, _) => s.CreateAsync(actor, district, rows));

    [Fact]
    public async Task Roster_AllRight_CreatesEach_WithItsOwnPassword_ForcedToChange_Audited()
    {
        var r = await Create(Office(_hongshan), _hongshan,
            new RosterEntry(2, "洪山区发改局", "张三", "hs.fgj.clerk", "填报人", "13800000001", "zs@example.gov.cn"),
            new RosterEntry(3, "区教育局", "李四", "hs.jyj.head", "单位负责人", null, null),
            new RosterEntry(4, null, "王副区长", "hs.leader", "分管领导", null, null));
        r.Ok.ShouldBeTrue();
        r.Value!.Errors.ShouldBeEmpty();
        r.Value.Created.Select(c => c.Password).Distinct().Count().ShouldBe(3);
        await With(async (_, db) =>
        {
            var users = await db.Users.Where(u => u.DistrictId == _hongshan).OrderBy(u => u.UserName).ToListAsync();
            users.Select(u => (u.UserName, u.Role, u.MustChangePassword, u.UnitId is not null)).ShouldBe(
            [
                ("hs.fgj.clerk", AppRole.Clerk, true, true), ("hs.jyj.head", AppRole.UnitHead, true, true), ("hs.leader", AppRole.Leader, true, false),
            ]);
            users.ShouldAllBe(u => u.PasswordHash != null && !u.PasswordHash.Contains(r.Value.Created[0].Password));
            (await db.AuditEntries.CountAsync(a => a.Action == "create-account" && a.DistrictId == _hongshan)).ShouldBe(3);
            (await db.AuditEntries.AnyAsync(a => a.After!.Contains(r.Value.Created[0].Password))).ShouldBeFalse("the password is never stored in clear");
            return 0;
        });
    }

    [Fact]
    public async Task Roster_ANewLeader_MovesTheDistrictsRevision_AClerkDoesNot()
    {
        // The district's leader pages are kept per revision (the output cache): a leader not yet in charge of a unit must show.
        Task<long> Revision() => With((_, db) => db.Districts.Where(d => d.Id == _hongshan).Select(d => d.Revision).SingleAsync());
        long before = await Revision();
        (await Create(Office(_hongshan), _hongshan, new RosterEntry(2, "区教育局", "李四", "hs.jyj.clerk", "填报人", null, null))).Value!.Created.Count.ShouldBe(1);
        (await Revision()).ShouldBe(before, "a clerk is on no district-wide page");
        (await Create(Office(_hongshan), _hongshan, new RosterEntry(2, null, "王副区长", "hs.leader", "分管领导", null, null))).Value!.Created.Count.ShouldBe(1);
        (await Revision()).ShouldBe(before + 1);
    }

    [Fact]
    public async Task Roster_UnknownUnitAndDuplicateName_BothRowsNamed_NothingStored()
    {
        var r = await Create(Office(_hongshan), _hongshan,
            new RosterEntry(2, "区发改局", "张三", "hs.a", "填报人", null, null),
            new RosterEntry(3, "区不存在局", "李四", "hs.b", "填报人", null, null),
            new RosterEntry(4, "区教育局", "王五", "HS.A", "填报人", null, null),
            new RosterEntry(5, "区教育局", "赵六", "hs.c", "填报人", null, null));
        r.Value!.Errors.Select(e => e.Row).ShouldBe([3, 4]);
        r.Value.Errors[0].Message.ShouldContain("区不存在局");
        r.Value.Errors[1].Message.ShouldContain("第 2 行重复");
        r.Value.Created.ShouldBeEmpty();
        (await With((_, db) => db.Users.CountAsync())).ShouldBe(0);
        (await With((_, db) => db.AuditEntries.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Roster_EveryCheck_HasItsMessage()
    {
        await Create(Office(_hongshan), _hongshan, new RosterEntry(2, "区教育局", "已有", "taken.name", "填报人", null, null));
        var r = await Create(Office(_hongshan), _hongshan,
            new RosterEntry(2, "区教育局", null, "a.1", "填报人", null, null),
            new RosterEntry(3, "区教育局", "甲", "有中文", "填报人", null, null),
            new RosterEntry(4, "区教育局", "乙", "taken.NAME", "填报人", null, null),
            new RosterEntry(5, "区教育局", "丙", "b.2", "科员", null, null),
            new RosterEntry(6, null, "丁", "c.3", "填报人", null, null),
            new RosterEntry(7, "区教育局", "戊", "d.4", "填报人", "1380000", null),
            new RosterEntry(8, "区教育局", "己", "e.5", "填报人", null, "not-an-address"),
            new RosterEntry(9, null, "庚", "f.6", "市级查看", null, null),
            new RosterEntry(10, "区教育局", "辛", "g.7", "填报人", "027-87654321", "x@example.gov.cn"));
        var byRow = r.Value!.Errors.ToDictionary(e => e.Row, e => e.Message);
        byRow[2].ShouldContain("缺少姓名");
        byRow[3].ShouldContain("用户名“有中文”不可用");
        byRow[4].ShouldContain("已被使用");
        byRow[5].ShouldContain("角色“科员”不认识");
        byRow[6].ShouldContain("须填写所在单位");
        byRow[7].ShouldContain("手机号码");
        byRow[8].ShouldContain("邮箱");
        byRow[9].ShouldContain("只有系统管理员");
        byRow.ShouldNotContainKey(10);
    }

    [Fact]
    public async Task Roster_OfAnotherDistrict_IsNotFound()
    {
        var r = await Create(Office(_jiangan), _hongshan, new RosterEntry(2, "区教育局", "张三", "x.y", "填报人", null, null));
        r.Ok.ShouldBeFalse();
        r.Failure!.Kind.ShouldBe(FailureKind.NotFound);
    }

    [Fact]
    public async Task Reset_Disable_Unlock_OnlyInOwnDistrict_EachAudited()
    {
        var created = (await Create(Office(_hongshan), _hongshan, new RosterEntry(2, "区教育局", "张三", "hs.jyj.clerk", "填报人", null, null))).Value!.Created[0];

        (await With((s, _) => s.ResetPasswordAsync(Office(_jiangan), created.UserId, null))).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        (await With((s, _) => s.SetDisabledAsync(Office(_jiangan), created.UserId, null, true))).Failure!.Kind.ShouldBe(FailureKind.NotFound);
        (await With((s, _) => s.ResetPasswordAsync(Office(_hongshan), created.UserId, "stale"))).Failure!.Kind.ShouldBe(FailureKind.Conflict);

        var reset = await With((s, _) => s.ResetPasswordAsync(Office(_hongshan), created.UserId, null));
        reset.Ok.ShouldBeTrue();
        reset.Value!.Password.ShouldNotBe(created.Password);
        (await With((s, _) => s.SetDisabledAsync(Office(_hongshan), created.UserId, null, true))).Value!.Disabled.ShouldBeTrue();

        // Unlocking is neither the office's nor the system admin's: it is the security admin's (三员分立).
        (await With((s, _) => s.UnlockAsync(Office(_hongshan), created.UserId, null))).Failure!.Kind.ShouldBe(FailureKind.Forbidden);
        var systemAdmin = new Actor("admin", "系统管理员", AppRole.Admin, null, null);
        (await With((s, _) => s.UnlockAsync(systemAdmin, created.UserId, null))).Failure!.Kind.ShouldBe(FailureKind.Forbidden);
        var admin = new Actor("security", "安全管理员", AppRole.SecurityAdmin, null, null);
        await With(async (_, db) => await db.Users.Where(u => u.Id == created.UserId)
            .ExecuteUpdateAsync(x => x.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10)).SetProperty(u => u.AccessFailedCount, 5)));
        (await With((s, _) => s.UnlockAsync(admin, created.UserId, null))).Ok.ShouldBeTrue();
        var user = await With((_, db) => db.Users.AsNoTracking().SingleAsync(u => u.Id == created.UserId));
        (user.LockoutEnd, user.AccessFailedCount).ShouldBe((null, 0));

        var actions = await With((_, db) => db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["create-account", "reset-password", "disable-account", "unlock-account"]);
    }

    [Fact]
    public async Task ChangePassword_FollowsThePolicy_AndClearsTheForcedChange()
    {
        var created = (await Create(Office(_hongshan), _hongshan, new RosterEntry(2, "区教育局", "张三", "hs.jyj.clerk", "填报人", null, null))).Value!.Created[0];
        async Task<Outcome<AppUser>> Change(string current, string next) => await With(async (s, db) =>
            await s.ChangePasswordAsync(await db.Users.SingleAsync(u => u.Id == created.UserId), current, next, next));

        (await Change("wrong", "Tq7m#wz4k")).Failure!.Message.ShouldContain("当前密码不正确");
        (await Change(created.Password, "Aa123456")).Failure!.Message.ShouldContain("过于常见");
        (await With((_, db) => db.Users.SingleAsync(u => u.Id == created.UserId))).MustChangePassword.ShouldBeTrue();
        (await Change(created.Password, "Tq7m#wz4k")).Ok.ShouldBeTrue();
        (await With((_, db) => db.Users.SingleAsync(u => u.Id == created.UserId))).MustChangePassword.ShouldBeFalse();
    }
}
