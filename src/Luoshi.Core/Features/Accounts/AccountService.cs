using System.Net.Mail;

namespace Luoshi.Core.Features.Accounts;

/// <summary>A roster row that cannot be taken as it is, and why (in Chinese).</summary>
public sealed record RowError(int Row, string Message);

/// <summary>An account just created or reset, with its one-time password: shown once on the 账号开通通知单, never stored in clear.</summary>
public sealed record IssuedAccount(string UserId, string UserName, string DisplayName, AppRole Role, string? District, string? Unit, string Password);

/// <summary>What became of a roster: every row's errors (and nothing stored), or the accounts created.</summary>
public sealed record RosterOutcome(IReadOnlyList<RowError> Errors, IReadOnlyList<IssuedAccount> Created)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>One account as the office's list shows it.</summary>
public sealed record AccountRow(
    string Id, string UserName, string DisplayName, AppRole Role, int? DistrictId, string? District, int? UnitId, string? Unit,
    string? Phone, string? Email, bool Disabled, bool Locked, bool MustChangePassword);

/// <summary>
/// Accounts of a district: created one by one or from a roster (every row checked, nothing stored unless all are right, one
/// transaction), each with its own random initial password that the first sign-in must change; passwords reset, accounts
/// disabled, enabled and unlocked; every step audited. Permission questions go to <see cref="AccountAccess"/>.
/// </summary>
public sealed partial class AccountService(LuoshiDb db, UserManager<AppUser> users, SignInGuard guard, TimeProvider clock)
{
    private static readonly Failure NotFound = new(FailureKind.NotFound, "没有找到该账号。");
    private static readonly Failure Stale = new(FailureKind.Conflict, "该账号刚被修改过（或有人刚登录过），请刷新页面后重试。");

    /// <summary>Checks a roster and, if every row is right, creates all its accounts in one transaction.</summary>
    public async Task<Outcome<RosterOutcome>> CreateAsync(Actor actor, int districtId, IReadOnlyList<RosterEntry> entries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(entries);
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Id == districtId, ct);
        if (district is null || !AccountAccess.MayManageAccounts(actor, districtId))
        {
            return new Failure(FailureKind.NotFound, "没有找到该区。");
        }

        var (errors, accounts) = await CheckAsync(actor, district.Id, district.Name, entries, ct);
        if (errors.Count > 0)
        {
            return new RosterOutcome(errors, []);
        }

        var created = new List<IssuedAccount>();
        var strategy = db.Database.CreateExecutionStrategy();
        var failed = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            bool leadersChanged = false;
            foreach (var a in accounts)
            {
                string password = PasswordPolicy.Generate(a.Entry.UserName);
                var user = new AppUser
                {
                    UserName = a.Entry.UserName, DisplayName = a.Entry.DisplayName!, Role = a.Role,
                    DistrictId = a.Role == AppRole.CityViewer ? null : district.Id,
                    UnitId = RoleNames.NeedsUnit(a.Role) ? a.Unit?.Id : null,
                    PhoneNumber = a.Entry.Phone, Email = a.Entry.Email, LockoutEnabled = true, MustChangePassword = true,
                };
                var result = await users.CreateAsync(user, password);
                if (!result.Succeeded)
                {
                    // Checked above; only a race (the same name taken meanwhile) gets here. Nothing of the roster stays.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return new RowError(a.Entry.Row, string.Join(" ", result.Errors.Select(e => Chinese(e))));
                }

                if (a.Role == AppRole.Leader)
                {
                    // A new leader is listed on the district's leader pages (kept per revision), whether in charge of a unit yet or not.
                    leadersChanged = true;
                    if (a.Unit is { } led)
                    {
                        await db.Units.Where(u => u.Id == led.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LeaderUserId, user.Id), ct);
                    }
                }

                AuditLog.Record(db, clock, actor.UserName, AuditActions.CreateAccount, "User", user.Id, district.Id, after: Snapshot(user, a.Unit?.Name));
                created.Add(new IssuedAccount(user.Id, user.UserName!, user.DisplayName, user.Role, district.Name, a.Unit?.Name, password));
            }

            await db.SaveChangesAsync(ct);
            if (leadersChanged)
            {
                await Districts.DistrictRevision.BumpAsync(db, district.Id, ct);
            }

            await tx.CommitAsync(ct);
            return (RowError?)null;
        });

        return failed is null ? new RosterOutcome([], created) : new RosterOutcome([failed], []);
    }

    private sealed record Checked(RosterEntry Entry, AppRole Role, Unit? Unit);

    /// <summary>Every error of every row (a row may have several), and the accounts the rows stand for.</summary>
    private async Task<(List<RowError> Errors, List<Checked> Accounts)> CheckAsync(Actor actor, int districtId, string districtName,
        IReadOnlyList<RosterEntry> entries, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var accounts = new List<Checked>();
        if (entries.Count == 0)
        {
            errors.Add(new RowError(0, "名单中没有账号。"));
            return (errors, accounts);
        }

        var units = await db.Units.AsNoTracking().Where(u => u.DistrictId == districtId && u.RetiredAt == null).ToListAsync(ct);
        var names = entries.Select(e => e.UserName?.Trim()).OfType<string>().Select(n => users.NormalizeName(n)).Distinct().ToList();
        var taken = (await db.Users.Where(u => names.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var e in entries)
        {
            void Error(string message) => errors.Add(new RowError(e.Row, message));
            int before = errors.Count;
            if (string.IsNullOrWhiteSpace(e.DisplayName))
            {
                Error("缺少姓名。");
            }
            else if (e.DisplayName.Trim().Length > 64)
            {
                Error("姓名超过 64 个字。");
            }

            if (string.IsNullOrWhiteSpace(e.UserName))
            {
                Error("缺少用户名。");
            }
            else if (!UserNamePattern().IsMatch(e.UserName.Trim()))
            {
                Error($"用户名“{e.UserName.Trim()}”不可用：只能用字母、数字和 . _ -，以字母或数字开头，3 至 64 位。");
            }
            else
            {
                string key = users.NormalizeName(e.UserName.Trim());
                if (firstRow.TryGetValue(key, out int first))
                {
                    Error($"用户名“{e.UserName.Trim()}”与第 {first} 行重复。");
                }
                else
                {
                    firstRow[key] = e.Row;
                    if (taken.Contains(key))
                    {
                        Error($"用户名“{e.UserName.Trim()}”已被使用。");
                    }
                }
            }

            var role = RoleNames.Parse(e.Role);
            if (string.IsNullOrWhiteSpace(e.Role))
            {
                Error("缺少角色。");
            }
            else if (role is null)
            {
                Error($"角色“{e.Role.Trim()}”不认识，应为：{string.Join("、", RoleNames.Assignable.Select(RoleNames.Of))}。");
            }
            else if (!AccountAccess.MayGrantRole(actor, role.Value))
            {
                Error($"无权开通“{RoleNames.Of(role.Value)}”账号（只有系统管理员可以开通）。");
            }

            Unit? unit = null;
            if (!string.IsNullOrWhiteSpace(e.Unit) && role is not (AppRole.Office or AppRole.CityViewer))
            {
                unit = Resolve(units, districtName, e.Unit);
                if (unit is null)
                {
                    Error($"单位“{e.Unit.Trim()}”不在{districtName}的单位目录中。");
                }
            }
            else if (role is { } r && RoleNames.NeedsUnit(r))
            {
                Error($"角色“{RoleNames.Of(r)}”须填写所在单位。");
            }

            if (!string.IsNullOrWhiteSpace(e.Phone) && !PhonePattern().IsMatch(e.Phone.Trim()))
            {
                Error($"手机号码“{e.Phone.Trim()}”格式不正确，应为 11 位手机号码（或带区号的固定电话）。");
            }

            if (!string.IsNullOrWhiteSpace(e.Email) && !IsEmail(e.Email.Trim()))
            {
                Error($"邮箱“{e.Email.Trim()}”格式不正确。");
            }

            if (errors.Count == before)
            {
                accounts.Add(new Checked(e with
                {
                    UserName = e.UserName!.Trim(), DisplayName = e.DisplayName!.Trim(), Phone = Blank(e.Phone), Email = Blank(e.Email),
                }, role!.Value, unit));
            }
        }

        return (errors, accounts);
    }

    /// <summary>A unit of the district by its name or one of its aliases, also when written with the district's name (洪山区发改局 for 区发改局).</summary>
    public static Unit? Resolve(IReadOnlyList<Unit> units, string districtName, string printed)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(printed);
        string p = printed.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("　", string.Empty, StringComparison.Ordinal);
        var forms = new List<string> { p };
        if (!string.IsNullOrEmpty(districtName) && p.StartsWith(districtName, StringComparison.Ordinal) && p.Length > districtName.Length)
        {
            forms.Add("区" + p[districtName.Length..]);
            forms.Add(p[districtName.Length..]);
        }

        foreach (string f in forms)
        {
            var hit = units.FirstOrDefault(u => u.Name == f) ?? units.FirstOrDefault(u => u.AliasList.Contains(f, StringComparer.Ordinal));
            if (hit is not null)
            {
                return hit;
            }
        }

        return null;
    }

    /// <summary>A new random password for the account, shown once; the next sign-in must change it. Ends the account's sessions.</summary>
    public async Task<Outcome<IssuedAccount>> ResetPasswordAsync(Actor actor, string userId, string? stamp, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(userId ?? string.Empty);
        if (user is null || !AccountAccess.MaySeeUser(actor, user))
        {
            return NotFound;
        }

        if (!AccountAccess.MayManageUser(actor, user))
        {
            return new Failure(FailureKind.Forbidden, "无权重置该账号的密码。");
        }

        if (stamp is not null && !string.Equals(stamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return Stale;
        }

        string password = PasswordPolicy.Generate(user.UserName);
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded)
            {
                return new Failure(FailureKind.Invalid, string.Join(" ", valid.Errors.Select(Chinese)));
            }
        }

        // The new hash, the forced change, a new security stamp (the account's sessions end) and the audit entry: one save.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.MustChangePassword = true;
        AuditLog.Record(db, clock, actor.UserName, AuditActions.ResetPassword, "User", user.Id, user.DistrictId, after: new { user = user.UserName, mustChangePassword = true });
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return new Failure(FailureKind.Conflict, string.Join(" ", result.Errors.Select(Chinese)));
        }

        return await IssuedAsync(user, password, ct);
    }

    /// <summary>Disables (停用) or enables an account. Disabling ends its sessions (a new security stamp).</summary>
    public async Task<Outcome<AppUser>> SetDisabledAsync(Actor actor, string userId, string? stamp, bool disabled, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(userId ?? string.Empty);
        if (user is null || !AccountAccess.MaySeeUser(actor, user))
        {
            return NotFound;
        }

        if (!AccountAccess.MayManageUser(actor, user))
        {
            return new Failure(FailureKind.Forbidden, disabled ? "无权停用该账号。" : "无权启用该账号。");
        }

        if (stamp is not null && !string.Equals(stamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return Stale;
        }

        if (user.Disabled == disabled)
        {
            return user;
        }

        user.Disabled = disabled;
        AuditLog.Record(db, clock, actor.UserName, disabled ? AuditActions.DisableAccount : AuditActions.EnableAccount, "User", user.Id, user.DistrictId,
            before: new { user = user.UserName, disabled = !disabled }, after: new { user = user.UserName, disabled });
        var result = await users.UpdateSecurityStampAsync(user); // saves the flag, the new stamp and the audit entry together
        return result.Succeeded ? user : new Failure(FailureKind.Conflict, string.Join(" ", result.Errors.Select(Chinese)));
    }

    /// <summary>Unlocks an account locked by failed sign-ins (and clears its count of failures).</summary>
    public async Task<Outcome<AppUser>> UnlockAsync(Actor actor, string userId, string? stamp, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(userId ?? string.Empty);
        if (user is null || !AccountAccess.MaySeeUser(actor, user))
        {
            return NotFound;
        }

        if (!AccountAccess.MayUnlock(actor, user))
        {
            return new Failure(FailureKind.Forbidden, "无权解锁该账号。");
        }

        if (stamp is not null && !string.Equals(stamp, user.ConcurrencyStamp, StringComparison.Ordinal))
        {
            return Stale;
        }

        // The sign-in guard's locks (per client address) go with the account's own; both in one transaction.
        string key = user.NormalizedUserName ?? users.NormalizeName(user.UserName!);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            int cleared = await guard.ClearAsync(key, ct);
            AuditLog.Record(db, clock, actor.UserName, AuditActions.UnlockAccount, "User", user.Id, user.DistrictId,
                before: new { user = user.UserName, lockedUntil = user.LockoutEnd, failures = user.AccessFailedCount, clientLocks = cleared },
                after: new { user = user.UserName, lockedUntil = (DateTimeOffset?)null, failures = 0, clientLocks = 0 });
            user.AccessFailedCount = 0;
            var result = await users.SetLockoutEndDateAsync(user, null); // saves the count, the end and the audit entry together
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return (Outcome<AppUser>)new Failure(FailureKind.Conflict, string.Join(" ", result.Errors.Select(Chinese)));
            }

            await tx.CommitAsync(ct);
            return user;
        });
    }

    /// <summary>The signed-in person changes their own password (the policy applies); clears the forced change.</summary>
    public async Task<Outcome<AppUser>> ChangePasswordAsync(AppUser user, string? current, string? next, string? confirm, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next))
        {
            return new Failure(FailureKind.Invalid, "请填写当前密码和新密码。");
        }

        if (!string.Equals(next, confirm, StringComparison.Ordinal))
        {
            return new Failure(FailureKind.Invalid, "两次输入的新密码不一致。");
        }

        if (string.Equals(current, next, StringComparison.Ordinal))
        {
            return new Failure(FailureKind.Invalid, "新密码不能与当前密码相同。");
        }

        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
        {
            user.MustChangePassword = (await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => (bool?)u.MustChangePassword).FirstOrDefaultAsync(ct)) ?? true;
            return new Failure(FailureKind.Invalid, string.Join(" ", result.Errors.Select(Chinese)));
        }

        AuditLog.Record(db, clock, user.UserName!, AuditActions.ChangePassword, "User", user.Id, user.DistrictId);
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>The accounts of a district (or, for the admin and no district, every account), filtered.</summary>
    public async Task<Outcome<List<AccountRow>>> ListAsync(Actor actor, int? districtId, string? search, int? unitId, AppRole? role, string? state,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (districtId is int d ? !AccountAccess.MaySeeAccounts(actor, d) : !AccountAccess.MaySeeAllDistricts(actor))
        {
            return new Failure(FailureKind.NotFound, "没有找到该区。");
        }

        var q = db.Users.AsNoTracking().Where(u => districtId == null || u.DistrictId == districtId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            string s = search.Trim();
            q = q.Where(u => u.UserName!.Contains(s) || u.DisplayName.Contains(s) || (u.PhoneNumber != null && u.PhoneNumber.Contains(s)) || (u.Email != null && u.Email.Contains(s)));
        }

        if (unitId is int unit)
        {
            q = q.Where(u => u.UnitId == unit);
        }

        if (role is AppRole r)
        {
            q = q.Where(u => u.Role == r);
        }

        var now = clock.GetUtcNow();
        var rows = await q.OrderBy(u => u.DistrictId).ThenBy(u => u.UnitId).ThenBy(u => u.UserName).ToListAsync(ct);
        var guarded = await guard.LockedNamesAsync([.. rows.Select(u => u.NormalizedUserName!)], ct);
        var unitNames = await db.Units.AsNoTracking().Where(u => districtId == null || u.DistrictId == districtId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var districtNames = await db.Districts.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var list = rows.Select(u => new AccountRow(u.Id, u.UserName!, u.DisplayName, u.Role, u.DistrictId,
                u.DistrictId is int di ? districtNames.GetValueOrDefault(di) : null, u.UnitId, u.UnitId is int ui ? unitNames.GetValueOrDefault(ui) : null,
                u.PhoneNumber, u.Email, u.Disabled, (u.LockoutEnd is { } end && end > now) || guarded.Contains(u.NormalizedUserName!), u.MustChangePassword))
            .Where(a => state switch
            {
                "disabled" => a.Disabled,
                "locked" => a.Locked,
                "active" => !a.Disabled && !a.Locked,
                "pending" => a.MustChangePassword,
                _ => true,
            })
            .ToList();
        return list;
    }

    private async Task<IssuedAccount> IssuedAsync(AppUser user, string password, CancellationToken ct)
    {
        string? district = user.DistrictId is int d ? await db.Districts.Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        string? unit = user.UnitId is int u ? await db.Units.Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return new IssuedAccount(user.Id, user.UserName!, user.DisplayName, user.Role, district, unit, password);
    }

    private static object Snapshot(AppUser u, string? unit) =>
        new { user = u.UserName, name = u.DisplayName, role = u.Role.ToString(), unit, phone = u.PhoneNumber, email = u.Email };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsEmail(string s) =>
        s.Length <= 128 && EmailPattern().IsMatch(s) && MailAddress.TryCreate(s, out var m) && string.Equals(m.Address, s, StringComparison.OrdinalIgnoreCase);

    /// <summary>Identity's errors in Chinese (the password policy's are already).</summary>
    public static string Chinese(IdentityError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Code switch
        {
            "DuplicateUserName" => "用户名已被使用。",
            "InvalidUserName" => "用户名含有不允许的字符。",
            "PasswordMismatch" => "当前密码不正确。",
            "InvalidToken" => "重置凭据无效，请重试。",
            "InvalidEmail" => "邮箱格式不正确。",
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) && ContainsChinese(e.Description) => e.Description,
            _ => "操作未完成：" + e.Description,
        };
    }

    private static bool ContainsChinese(string s) => s.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{2,63}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^((\+86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();
}
