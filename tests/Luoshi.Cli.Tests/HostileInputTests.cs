using System.IO.Compression;
using System.Text;

namespace Luoshi.Cli.Tests;

/// <summary>Hostile input files: refused with one line and exit code 2, never a crash of the process.</summary>
public class HostileInputTests
{
    [Fact]
    public void Parse_DocxNestedTenThousandTablesDeep_ExitsTwoWithOneLineNotAStackOverflow()
    {
        string path = Path.Combine(Path.GetTempPath(), $"luoshi-nested-{Guid.NewGuid():N}.docx");
        File.WriteAllBytes(path, NestedTablesDocx(10_000));
        try
        {
            var (code, output, error) = CliRunner.Run("parse", path);

            // 134 was the stack overflow inside the Word library's recursive loading.
            code.ShouldBe(2, error);
            output.ShouldBeEmpty();
            error.Trim().Split('\n').Length.ShouldBe(1);
            error.ShouldContain("文件结构嵌套过深（超过 256 层），无法读取。");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A .docx of under 2 KB whose body nests w:tbl/w:tr/w:tc <paramref name="depth"/> times, zipped by hand.</summary>
    private static byte[] NestedTablesDocx(int depth)
    {
        string body = string.Concat(Enumerable.Repeat("<w:tbl><w:tr><w:tc>", depth)) + "<w:p><w:r><w:t>深处</w:t></w:r></w:p>"
            + string.Concat(Enumerable.Repeat("</w:tc></w:tr></w:tbl>", depth));
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>");
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            Add(zip, "word/document.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + body + "</w:body></w:document>");
        }

        return ms.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        s.Write(Encoding.UTF8.GetBytes(content));
    }
}
