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
}
