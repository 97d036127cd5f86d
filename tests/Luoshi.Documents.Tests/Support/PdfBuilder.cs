using System.Globalization;
using System.Text;

namespace Luoshi.Documents.Tests.Support;

/// <summary>Writes minimal PDFs by hand (correct xref offsets): pages with an image only, or with a line of Helvetica text.</summary>
internal static class PdfBuilder
{
    /// <summary>A page description: text to show (null for none) and whether to draw an image.</summary>
    public sealed record PageSpec(string? Text, bool Image);

    public static byte[] Build(params PageSpec[] pages)
    {
        // Objects: 1 catalog, 2 pages, 3 font, 4 image, then per page: page object, content stream.
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            string.Empty, // pages, filled below
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        const string pixels = "00ff00ff"; // 2x2 grey image, hex
        objects.Add("<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /ASCIIHexDecode /Length "
            + (pixels.Length + 1).ToString(CultureInfo.InvariantCulture) + " >>\nstream\n" + pixels + ">\nendstream");
        var kids = new List<string>();
        foreach (PageSpec page in pages)
        {
            int pageObj = objects.Count + 1;
            int contentObj = pageObj + 1;
            kids.Add($"{pageObj} 0 R");
            var content = new StringBuilder();
            if (page.Image)
            {
                content.Append("q 400 0 0 400 100 300 cm /Im1 Do Q\n");
            }

            if (page.Text is not null)
            {
                content.Append("BT /F1 24 Tf 72 720 Td (").Append(page.Text).Append(") Tj ET\n");
            }

            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents {contentObj} 0 R >>");
            string c = content.ToString();
            objects.Add($"<< /Length {Encoding.ASCII.GetByteCount(c)} >>\nstream\n{c}endstream");
        }

        objects[1] = $"<< /Type /Pages /Kids [{string.Join(' ', kids)}] /Count {pages.Length} >>";
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (int i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        int xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (int o in offsets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{o:D10} 00000 n \n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
