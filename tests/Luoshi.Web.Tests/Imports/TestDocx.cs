using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Web.Tests.Imports;

/// <summary>A plain Word file with one paragraph per line of a text, as an office saves a notice typed in Word.</summary>
internal static class TestDocx
{
    public static byte[] FromLines(IEnumerable<string> lines)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (string line in lines)
            {
                var p = new Paragraph();
                if (line.Length > 0)
                {
                    p.Append(new Run(new Text(line) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
                }

                body.Append(p);
            }

            main.Document = new Document(body);
        }

        return ms.ToArray();
    }

    /// <summary>
    /// A .docx of under 2 KB whose body nests w:tbl/w:tr/w:tc <paramref name="depth"/> times, zipped by hand (the SDK
    /// that would build it loads XML recursively): the upload that overflowed the reader's stack.
    /// </summary>
    public static byte[] NestedTables(int depth)
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
