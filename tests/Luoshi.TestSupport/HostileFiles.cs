using System.IO.Compression;
using System.Text;

namespace Luoshi.TestSupport;

/// <summary>The small uploads that once kept a reader busy for a minute or overflowed its stack, built here byte by byte.</summary>
public static class HostileFiles
{
    /// <summary>A .docx of under 2 KB whose body nests w:tbl/w:tr/w:tc <paramref name="depth"/> times (three elements a level).</summary>
    public static byte[] NestedTablesDocx(int depth)
    {
        var body = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            body.Append("<w:tbl><w:tr><w:tc>");
        }

        body.Append("<w:p><w:r><w:t>深处</w:t></w:r></w:p>");
        for (int i = 0; i < depth; i++)
        {
            body.Append("</w:tc></w:tr></w:tbl>");
        }

        return Docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>" + body);
    }

    /// <summary>A minimal .docx holding <paramref name="bodyXml"/> as its w:body, zipped by hand.</summary>
    public static byte[] Docx(string bodyXml)
    {
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
                + bodyXml + "</w:body></w:document>");
        }

        return ms.ToArray();
    }

    /// <summary>A web page of <paramref name="count"/> nested, never-closed div elements (100,000 is 1.1 MB).</summary>
    public static byte[] NestedDivsHtml(int count) =>
        Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><p>正文</p>" + string.Concat(Enumerable.Repeat("<div>", count)) + "深处</body></html>");

    /// <summary>A web page of <paramref name="count"/> unclosed b elements (100,000 is 300 KB).</summary>
    public static byte[] UnclosedBoldHtml(int count) =>
        Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat("<b>", count)) + "正文</body></html>");

    private static void Add(ZipArchive zip, string name, string content)
    {
        using Stream s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        byte[] bytes = Encoding.UTF8.GetBytes(content);
        s.Write(bytes);
    }
}
