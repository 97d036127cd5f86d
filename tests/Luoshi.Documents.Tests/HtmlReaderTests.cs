using System.Globalization;
using System.Net;
using System.Text;
using Luoshi.Documents.Tests.Support;

namespace Luoshi.Documents.Tests;

public class HtmlReaderTests
{
    /// <summary>Strings of the page chrome that must not reach the parser.</summary>
    private static readonly string[] Chrome =
    [
        "无障碍浏览", "长者模式", "首页", "互动交流", "走进本区", "当前位置", "分享到", "微信", "微博", "QQ空间", "打印本页", "关闭窗口",
        "相关文件", "网站地图", "联系我们", "主办单位", "网站标识码", "鄂ICP备", "鄂公网安备", "_hmt", "color:", "请输入关键词",
    ];

    static HtmlReaderTests()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [Theory]
    [MemberData(nameof(Seeds.Names), MemberType = typeof(Seeds))]
    public void Html_GbkGovernmentPageWithChrome_ChromeGoneAndSeedLinesKept(string seed)
    {
        byte[] page = GovernmentPage(seed, Encoding.GetEncoding("GBK"), "gbk");

        DocumentText doc = DocumentReader.Read(page, "t20260206_123456.html");

        doc.Problem.ShouldBeNull(doc.Message);
        doc.Format.ShouldBe(SourceFormat.Html);
        doc.Encoding.ShouldBe("gb18030");
        string[] lines = doc.Text!.Split('\n');
        foreach (string chrome in Chrome)
        {
            doc.Text.ShouldNotContain(chrome, Case.Sensitive, $"chrome “{chrome}” leaked");
        }

        // Every non-empty seed line is a line of the result, whitespace collapsed (tab rows stay tab-joined).
        var expected = Seeds.Lines(seed).Select(CollapseCells).Where(l => l.Length > 0).ToList();
        var missing = expected.Where(l => !lines.Contains(l, StringComparer.Ordinal)).Take(5).ToList();
        missing.ShouldBeEmpty();
        doc.Text.ShouldContain("文号：" + Seeds.DocNumber(seed), Case.Sensitive, "the metadata table above the article belongs to the document");
        doc.Notes.ShouldNotBeEmpty();
    }

    [Fact]
    public void Html_Utf8WithBomAndNoMeta_Decoded()
    {
        byte[] page = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("<html><body><p>责任单位：区商务局</p></body></html>")];

        DocumentText doc = DocumentReader.Read(page, "a.htm");

        doc.Text.ShouldBe("责任单位：区商务局");
        doc.Encoding.ShouldBe("utf-8");
    }

    [Fact]
    public void Html_HttpEquivGb2312_DecodedAsGb18030()
    {
        string html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head>"
            + "<body><div>（一）地区生产总值增长7%左右</div><div>(责任单位:区发展和改革局)</div></body></html>";

        DocumentText doc = DocumentReader.Read(Encoding.GetEncoding("GB18030").GetBytes(html), "a.html");

        doc.Text.ShouldBe("（一）地区生产总值增长7%左右\n(责任单位:区发展和改革局)");
    }

    [Fact]
    public void Html_LabelledGbkButUtf8Bytes_ReadAsUtf8()
    {
        string html = "<html><head><meta charset=\"gbk\"></head><body><p>洪政办〔2026〕1号</p></body></html>";

        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes(html), "a.html");

        doc.Text.ShouldBe("洪政办〔2026〕1号");
        doc.Encoding.ShouldBe("utf-8");
    }

    [Fact]
    public void Html_NoCharsetGbkBytes_FallsBackToGb18030()
    {
        string html = "<html><body><p>蔡政办〔2026〕1号</p></body></html>";

        DocumentText doc = DocumentReader.Read(Encoding.GetEncoding("GBK").GetBytes(html), "a.html");

        doc.Text.ShouldBe("蔡政办〔2026〕1号");
    }

    [Fact]
    public void Html_TableAndBreaks_RowsTabJoinedCellParagraphsJoinedWithNothing()
    {
        string html = """
            <html><body><div class="content">
            <p>附件1<br>重点工作</p>
            <table>
              <tr><th>序号</th><th>任务</th><th>责任单位</th></tr>
              <tr><td>7</td><td><p>支持在岸金融总部拓展业务布局，</p><p>丰富财富管理、基金等业态。</p></td><td>区政府办（金融）</td></tr>
              <tr><td> 8 </td><td>加强   泰康金融中心&nbsp;等重点楼宇金融招商</td><td></td></tr>
            </table>
            <ul><li>第一项</li><li>第二项</li></ul>
            </div></body></html>
            """;

        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes(html), "a.html");

        doc.Text.ShouldBe("附件1\n重点工作\n序号\t任务\t责任单位\n7\t支持在岸金融总部拓展业务布局，丰富财富管理、基金等业态。\t区政府办（金融）\n"
            + "8\t加强 泰康金融中心 等重点楼宇金融招商\t\n第一项\n第二项");
    }

    [Fact]
    public void Html_PageLaidOutWithTables_ArticleParagraphsStayLines()
    {
        string article = string.Concat(Seeds.Lines(Seeds.JiangAn).Skip(60).Take(40).Where(l => l.Length > 0).Select(l => $"<p>{l}</p>"));
        string html = $"""
            <html><body>
            <table width="100%"><tr><td><a href="/">首页</a></td><td><a href="/zwgk/">政务公开</a></td><td><a href="/x/">互动交流</a></td></tr></table>
            <table width="1000" align="center"><tr>
              <td width="200" class="left-menu"><a href="/a">机构概况</a><br><a href="/b">政策文件</a><br><a href="/c">通知公告</a></td>
              <td width="800"><table><tr><td class="title">关于印发责任分解方案的通知</td></tr></table>{article}</td>
            </tr></table>
            </body></html>
            """;

        DocumentText doc = DocumentReader.Read(Encoding.UTF8.GetBytes(html), "a.html");

        string[] lines = doc.Text!.Split('\n');
        lines.ShouldContain("7. 支持在岸金融总部拓展业务布局，加强持牌类金融机构招引，丰富财富管理、基金等业态。");
        lines.ShouldContain("责任单位：区政府办（金融）");
        lines.ShouldContain("关于印发责任分解方案的通知");
        doc.Text.ShouldNotContain("首页");
        doc.Text.ShouldNotContain("机构概况");
    }

    [Fact]
    public void Html_HiddenAndScriptContent_Dropped()
    {
        string html = "<html><body><p>正文</p><div style=\"display: none\">隐藏</div><p hidden>也隐藏</p><script>var x='脚本';</script></body></html>";

        DocumentReader.Read(Encoding.UTF8.GetBytes(html), "a.html").Text.ShouldBe("正文");
    }

    [Fact]
    public void Html_NoText_Empty()
    {
        DocumentReader.Read(Encoding.UTF8.GetBytes("<html><body><script>x()</script></body></html>"), "a.html")
            .Problem.ShouldBe(DocumentProblem.Empty);
    }

    private static string CollapseCells(string line) =>
        string.Join('\t', line.Split('\t').Select(c => string.Join(' ', c.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))))
            is var s && s.Trim('\t').Length == 0 ? string.Empty : s;

    /// <summary>
    /// The seed as a district government site publishes it: header with search, navigation bar, breadcrumb, title and a
    /// metadata table, the document in a TRS editor div (one &lt;p&gt; per line, tab-separated lines as table rows), share
    /// and print tools, a related-documents list and the footer; encoded with the page's charset, with characters it
    /// cannot hold written as numeric references.
    /// </summary>
    internal static byte[] GovernmentPage(string seed, Encoding encoding, string charset)
    {
        var body = new StringBuilder();
        string[] lines = Seeds.Lines(seed);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains('\t', StringComparison.Ordinal))
            {
                body.Append("<table border=\"1\" style=\"border-collapse:collapse\">\n");
                for (; i < lines.Length && lines[i].Contains('\t', StringComparison.Ordinal); i++)
                {
                    body.Append("<tr>");
                    foreach (string cell in lines[i].Split('\t'))
                    {
                        body.Append("<td>").Append(cell.Length == 0 ? "&nbsp;" : Encode(cell, encoding)).Append("</td>");
                    }

                    body.Append("</tr>\n");
                }

                body.Append("</table>\n");
                i--;
                continue;
            }

            body.Append(lines[i].Length == 0 ? "<p>&nbsp;</p>\n" : "<p style=\"text-indent:2em\">" + Encode(lines[i], encoding) + "</p>\n");
        }

        string title = Encode(lines.First(l => l.Contains("关于印发", StringComparison.Ordinal)).Trim(), encoding);
        string html = $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="{{charset}}">
            <title>{{title}}_政府文件_武汉市人民政府</title>
            <link rel="stylesheet" href="/css/style.css">
            <style>.TRS_Editor p { color: #333; line-height: 2; }</style>
            <script>var _hmt = _hmt || []; (function() { var hm = document.createElement("script"); })();</script>
            </head>
            <body>
            <div class="top-bar"><div class="w1200"><a href="#">无障碍浏览</a> <a href="#">长者模式</a> <span>2026年2月6日 星期五</span></div></div>
            <div class="header"><div class="logo"><img src="/images/logo.png" alt="区人民政府"></div>
              <div class="search-box"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
            <div class="main-nav"><ul>
              <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
              <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjcd/">走进本区</a></li></ul></div>
            <div class="container">
              <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zcwj/">政府文件</a></div>
              <div class="article">
                <h1 class="article-title">{{title}}</h1>
                <table class="xxgk-info">
                  <tr><td>索引号：MB1534522/2026-03520</td><td>发布机构：区人民政府办公室</td></tr>
                  <tr><td>文号：{{Seeds.DocNumber(seed)}}</td><td>发文日期：2026-01-04</td></tr>
                </table>
                <div class="TRS_Editor" id="zoom">
            {{body}}
                </div>
                <div class="article-share">分享到：<a class="wx" href="#">微信</a> <a class="wb" href="#">微博</a> <a class="qq" href="#">QQ空间</a></div>
                <div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
              </div>
              <div class="list-box"><h3>相关文件</h3><ul>
                <li><a href="/a1.html">区人民政府关于印发2025年区政府工作报告目标任务责任分解方案的通知</a></li>
                <li><a href="/a2.html">区人民政府办公室关于做好2026年春节期间有关工作的通知</a></li>
                <li><a href="/a3.html">区人民政府办公室关于印发2026年民生实事项目的通知</a></li></ul></div>
            </div>
            <div class="footer"><p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
              <p>主办单位：区人民政府办公室　网站标识码：4201140001</p>
              <p>鄂ICP备05003315号　鄂公网安备 42011402000105号</p></div>
            <script src="/js/common.js"></script>
            </body>
            </html>
            """;
        return encoding.GetBytes(html);
    }

    /// <summary>HTML-escapes a line and writes the characters the encoding cannot hold as numeric character references.</summary>
    private static string Encode(string s, Encoding encoding)
    {
        var strict = (Encoding)encoding.Clone();
        strict.EncoderFallback = EncoderFallback.ExceptionFallback;
        var sb = new StringBuilder();
        foreach (char c in WebUtility.HtmlEncode(s))
        {
            try
            {
                strict.GetBytes([c]);
                sb.Append(c);
            }
            catch (EncoderFallbackException)
            {
                sb.Append("&#").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
        }

        return sb.ToString();
    }
}
