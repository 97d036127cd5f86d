using Microsoft.AspNetCore.Antiforgery;

namespace Luoshi.Web.Features.Accounts;

/// <summary>One account to create, as the roster's columns give it.</summary>
public sealed record AccountRequest(string? Unit, string? Name, string? UserName, string? Role, string? Phone, string? Email);

/// <summary>An account created, with its one-time initial password.</summary>
public sealed record CreatedAccount(string UserName, string DisplayName, string Role, string? Unit, string InitialPassword);

/// <summary>The 201 answer: every account created.</summary>
public sealed record AccountsCreated(IReadOnlyList<CreatedAccount> Created);

/// <summary>A list item in error: its position in the list (from 1) and the reason, in Chinese.</summary>
public sealed record AccountError(int Row, string Message);

/// <summary>The 400 answer: every item in error; nothing was created.</summary>
public sealed record AccountErrors(string Title, IReadOnlyList<AccountError> Errors);

/// <summary>
/// POST /api/districts/{code}/accounts: a JSON list of accounts with the roster's fields and checks. Protected against
/// cross-site requests like the pages: the antiforgery token of the caller's session goes in the RequestVerificationToken
/// header (any page's form carries it as __RequestVerificationToken).
/// </summary>
public static class AccountsApi
{
    public const string TokenHeader = "RequestVerificationToken";

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/districts/{code}/accounts", CreateAsync)
            .RequireAuthorization()
            .WithTags("Accounts")
            .WithName("CreateAccounts")
            .WithSummary("批量开通账号（与名单导入相同的校验）")
            .WithDescription(
                "请求体为账号列表，每项字段同名单：unit（单位，名称或简称）、name（姓名）、userName（用户名）、role（角色：填报人、单位负责人、分管领导、督查室、市级查看）、" +
                "phone（手机）、email（邮箱）。任何一项有误则全部不开通，答 400 并逐项列出问题（row 为该项在列表中的序号，从 1 起）；全部无误则一次开通，答 201。" +
                "201 的答复中含每个账号的一次性初始密码（initialPassword）：系统不保存明文，以后无法再次查询，调用方须据此向本人发放，首次登录须修改密码。" +
                "仅本区督查室（及系统管理员）可调用；其他区答 404。须在请求头 " + TokenHeader + " 中带上本会话的防跨站请求令牌（页面表单中的 __RequestVerificationToken），否则答 400。")
            .Accepts<List<AccountRequest>>("application/json")
            .Produces<AccountsCreated>(StatusCodes.Status201Created)
            .Produces<AccountErrors>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<IResult> CreateAsync(string code, HttpContext ctx, LuoshiDb db, AccountService accounts, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(ctx))
        {
            return Results.BadRequest(new AccountErrors("缺少或无效的防跨站请求令牌（请求头 " + TokenHeader + "）。", []));
        }

        var scope = ctx.Actor();
        var district = await db.Districts.AsNoTracking().FirstOrDefaultAsync(d => d.Code == code, ct);
        if (scope is null || district is null || !AccountAccess.MayManageAccounts(scope, district.Id))
        {
            return Results.NotFound();
        }

        List<AccountRequest>? list;
        try
        {
            list = await ctx.Request.ReadFromJsonAsync<List<AccountRequest>>(ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return Results.BadRequest(new AccountErrors("请求体应为账号列表（JSON 数组）。", []));
        }
        catch (InvalidOperationException)
        {
            return Results.BadRequest(new AccountErrors("请求体应为 JSON（Content-Type: application/json）。", []));
        }

        if (list is null || list.Count == 0)
        {
            return Results.BadRequest(new AccountErrors("账号列表是空的。", []));
        }

        if (list.Count > RosterFile.MaxRows)
        {
            return Results.BadRequest(new AccountErrors($"一次最多开通 {RosterFile.MaxRows} 个账号。", []));
        }

        var entries = list.Select((a, i) => new RosterEntry(i + 1, a?.Unit, a?.Name, a?.UserName, a?.Role, a?.Phone, a?.Email)).ToList();
        var outcome = await accounts.CreateAsync(scope, district.Id, entries, ct);
        if (!outcome.Ok)
        {
            return Results.NotFound();
        }

        if (!outcome.Value!.Ok)
        {
            return Results.BadRequest(new AccountErrors("账号未开通：列表中有错误。", [.. outcome.Value.Errors.Select(e => new AccountError(e.Row, e.Message))]));
        }

        ctx.Response.Headers.CacheControl = "no-store";
        var created = outcome.Value.Created.Select(a => new CreatedAccount(a.UserName, a.DisplayName, RoleNames.Of(a.Role), a.Unit, a.Password)).ToList();
        return Results.Created($"/Accounts?district={district.Code}", new AccountsCreated(created));
    }
}
