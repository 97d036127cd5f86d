using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Core.Features.Forms;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Accounts;

/// <summary>What the account tests do through the pages: rosters made from a district's catalogue, uploads, sign-ins.</summary>
internal static partial class AccountsClient
{
    public static readonly string[] Header = ["单位", "姓名", "用户名", "角色", "手机", "邮箱"];

    /// <summary>Two accounts (a clerk and a head) per unit of the district, from its catalogue in the database.</summary>
    public static List<string[]> TwoPerUnit(LuoshiWebFactory factory, string code, string prefix)
    {
        var units = factory.WithDb(db => db.Units.Where(u => db.Districts.Any(d => d.Id == u.DistrictId && d.Code == code)).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Name }).ToList());
        var rows = new List<string[]>();
        foreach (var u in units)
        {
            rows.Add([u.Name, u.Name + "填报人", $"{prefix}.u{u.Id}.clerk", "填报人", "138" + (u.Id % 100000000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture), $"{prefix}.u{u.Id}@example.gov.cn"]);
            rows.Add([u.Name, u.Name + "负责人", $"{prefix}.u{u.Id}.head", "单位负责人", string.Empty, string.Empty]);
        }

        return rows;
    }

    public static byte[] Csv(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows.Prepend(Header))
        {
            sb.Append(string.Join(',', r.Select(c => c.Contains(',', StringComparison.Ordinal) ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<string[]> rows)
    {
        var sheet = new SheetModel("名单", [28, 20, 28, 12, 14, 30]);
        var all = rows.Prepend(Header).ToList();
        for (int r = 0; r < all.Count; r++)
        {
            for (int c = 0; c < all[r].Length; c++)
            {
                sheet.Text(r + 1, c + 1, all[r][c], CellLook.Text);
            }
        }

        return XlsxWriter.Write([sheet], "账号名单");
    }

    public static async Task<(HttpStatusCode Status, string Body)> UploadAsync(HttpClient client, string code, string fileName, byte[] bytes)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Accounts/Roster?district=" + code);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        using var r = await client.PostAsync("/Accounts/Roster?district=" + code, form);
        return (r.StatusCode, WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync()));
    }

    /// <summary>The (user name, password) pairs of a 通知单.</summary>
    public static List<(string User, string Password)> Sheet(string html) =>
        [.. SheetBlock().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string tokenPage, string url, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = await LuoshiWebFactory.AntiforgeryTokenAsync(client, tokenPage);
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static string Stamp(LuoshiWebFactory factory, string userName) =>
        factory.WithDb(db => db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.ConcurrencyStamp!).Single());

    public static HttpClient Client(LuoshiWebFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [GeneratedRegex("<code class=\"credential\">([^<]+)</code>.*?<code class=\"credential password\">([^<]+)</code>", RegexOptions.Singleline)]
    private static partial Regex SheetBlock();
}
