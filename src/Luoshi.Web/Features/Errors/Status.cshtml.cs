using Microsoft.AspNetCore.Diagnostics;

namespace Luoshi.Web.Features.Errors;

/// <summary>
/// The page a browser gets for an error (ErrorPages re-executes here): what went wrong in Chinese, and a way back.
/// It answers every method (the failed request may be a form post) and never shows an exception's details.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : PageModel
{
    public int Code { get; private set; }

    public string Heading { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>The page the person came from, if it is on this site; otherwise null (the home page is offered).</summary>
    public string? Back { get; private set; }

    /// <summary>An expired sign-in or page: offer to sign in again.</summary>
    public bool Expired { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    /// <summary>A failed form post is re-executed here as a post; a post sent here directly needs its antiforgery token, as every post does.</summary>
    public async Task<IActionResult> OnPostAsync(int code) =>
        ReExecuted || await antiforgery.IsRequestValidAsync(HttpContext) ? Show(code) : BadRequest();

    private bool ReExecuted => HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
        || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;

    private PageResult Show(int code)
    {
        // Re-executed for a failed request, the page keeps that request's status; visited directly, it is a plain page.
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        bool reExecuted = ReExecuted;

        Expired = Code == StatusCodes.Status400BadRequest && HttpContext.Items.ContainsKey(ErrorPages.AntiforgeryFailedKey);
        (Heading, Message) = Expired
            ? ("登录已过期", "页面已过期或登录状态已变化，本次提交未被处理。请重新打开页面（必要时重新登录）后再提交。")
            : Code switch
            {
                StatusCodes.Status404NotFound => ("页面不存在", "您要找的页面不存在，或者不在您的权限范围内。请检查地址是否正确。"),
                StatusCodes.Status403Forbidden => ("无权访问", "您没有查看该页面的权限。如需访问，请联系本区政府督查室。"),
                StatusCodes.Status401Unauthorized => ("登录已过期", "请重新登录后再继续。"),
                StatusCodes.Status429TooManyRequests => ("操作过于频繁", "短时间内的请求过多，本次提交未被处理。请稍候一分钟后再试。"),
                StatusCodes.Status400BadRequest => ("请求无效", "提交的内容无法处理，请返回上一页检查后重试。"),
                >= 500 => ("系统出错", "处理请求时出现错误，请稍后再试。如问题持续，请联系系统管理员。"),
                _ => ("请求无效", "该请求无法处理，请返回上一页后重试。"),
            };
        Expired |= Code == StatusCodes.Status401Unauthorized;
        Back = SameOriginReferer();
        Response.StatusCode = reExecuted ? Code : StatusCodes.Status200OK;
        return Page();
    }

    /// <summary>The Referer as a local path, if it names this site (same scheme, host and port) and is not this error itself.</summary>
    private string? SameOriginReferer()
    {
        string? referer = Request.Headers.Referer;
        if (string.IsNullOrEmpty(referer) || !Uri.TryCreate(referer, UriKind.Absolute, out var uri))
        {
            return null;
        }

        bool sameOrigin = string.Equals(uri.Scheme, Request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return sameOrigin ? uri.PathAndQuery : null;
    }
}
