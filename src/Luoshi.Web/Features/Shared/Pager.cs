namespace Luoshi.Web.Features.Shared;

/// <summary>What the pager (<c>_Pager.cshtml</c>: 上一页, 第 k / n 页, 下一页) needs: the page shown, how many, and each page's address.</summary>
public sealed record Pager(int Number, int Pages, Func<int, string> Link);
