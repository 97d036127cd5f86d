using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Luoshi.Web.Tests.Imports;

/// <summary>The seeds and the requests the import pages take, as a browser sends them.</summary>
internal static partial class ImportClient
{
    public const string JiangAn = "000_4e4f19e7498f2113.txt";
    public const string Hongshan = "001_b07d873149f44e2f.txt";
    public const string Caidian = "002_4ba397864c4b7ffe.txt";

    public static string Seed(string name) => File.ReadAllText(Path.Combine(SeedsDir, name));

    private static string SeedsDir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "tests", "seeds");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("tests/seeds not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Posts the upload form of /Imports (multipart, with the form's antiforgery token).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, int? districtId = null)
    {
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, "/Imports");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        if (districtId is int d)
        {
            form.Add(new StringContent(d.ToString(System.Globalization.CultureInfo.InvariantCulture)), "districtId");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/Imports", form);
    }

    /// <summary>Uploads and follows to the new draft's id (fails the test when the upload was refused).</summary>
    public static async Task<int> UploadDraftAsync(HttpClient client, string fileName, string text)
    {
        var r = await UploadAsync(client, fileName, System.Text.Encoding.UTF8.GetBytes(text));
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        return DraftId(r);
    }

    public static int DraftId(HttpResponseMessage r)
    {
        var m = DraftPath().Match(r.Headers.Location?.OriginalString ?? string.Empty);
        m.Success.ShouldBeTrue("redirect to a draft, got " + r.Headers.Location);
        return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts one of the draft page's forms (handler and fields as the page's form has them).</summary>
    public static Task<HttpResponseMessage> PostDraftAsync(HttpClient client, int draftId, string handler, params (string Name, string Value)[] fields) =>
        PostDraftAsync(client, "/Imports", draftId, handler, fields);

    /// <summary>As above, with the antiforgery token taken from <paramref name="tokenPage"/> (for users who may not open /Imports).</summary>
    public static async Task<HttpResponseMessage> PostDraftAsync(HttpClient client, string tokenPage, int draftId, string handler, params (string Name, string Value)[] fields)
    {
        string page = "/Imports/" + draftId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string token = await LuoshiWebFactory.AntiforgeryTokenAsync(client, tokenPage);
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(page + "?handler=" + handler, new FormUrlEncodedContent(values));
    }

    public static int Count(string html, string fragment) => Regex.Count(html, Regex.Escape(fragment));

    [GeneratedRegex(@"^/Imports/(\d+)")]
    private static partial Regex DraftPath();
}
