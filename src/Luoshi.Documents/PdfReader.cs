using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Luoshi.Documents;

/// <summary>
/// Reads the text layer of a PDF with PdfPig: letters are grouped into lines by their baselines and ordered along the
/// line (<see cref="PdfLayout"/>), lines that the layout wrapped are joined back into their paragraph, pages are
/// separated by a blank line, and the result is NFKC-normalised (CJK fonts often map glyphs to compatibility code points:
/// Kangxi radicals such as ⽂ for 文). NFKC also makes full-width ASCII half-width (（）：１ become ():1); the parser reads
/// both widths, and a note tells the user.
/// </summary>
internal static class PdfReader
{
    public static DocumentText Read(byte[] content, ReadBudget budget)
    {
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            return Encrypted();
        }
#pragma warning disable CA1031 // Any failure to open means the file is damaged; the reader never throws on content.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Damaged();
        }

        using (pdf)
        {
            int count;
            try
            {
                count = pdf.NumberOfPages;
            }
#pragma warning disable CA1031 // A broken page tree is a damaged file.
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                return Damaged();
            }

            if (count == 0)
            {
                return DocumentText.Fail(SourceFormat.Pdf, DocumentProblem.Empty, "PDF 文件中没有页面。");
            }

            var pages = new List<PdfLayout.PageLines>();
            var unreadable = new List<int>();
            var imageOnly = new List<int>();
            for (int n = 1; n <= count; n++)
            {
                try
                {
                    budget.Time();
                    Page page = pdf.GetPage(n);
                    for (int i = 0; i < page.Letters.Count; i++)
                    {
                        budget.Element(1);
                    }

                    PdfLayout.PageLines lines = PdfLayout.Lines(page.Letters, page.CropBox.Bounds);
                    if (lines.Lines.Count == 0 && page.NumberOfImages > 0)
                    {
                        imageOnly.Add(n);
                    }

                    pages.Add(lines);
                }
                catch (PdfDocumentEncryptedException)
                {
                    return Encrypted();
                }
                catch (Exception ex) when (ex is ReadLimitException or OperationCanceledException)
                {
                    throw;
                }
#pragma warning disable CA1031 // One broken page must not lose the others: it is skipped and named in a note.
                catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
                {
                    unreadable.Add(n);
                }
            }

            if (pages.All(p => p.Lines.Count == 0))
            {
                return unreadable.Count == count
                    ? Damaged()
                    : DocumentText.Fail(SourceFormat.Pdf, DocumentProblem.NoTextLayer,
                        "PDF 没有文字层（可能是扫描件），请提供 Word 或文本版本，或先做文字识别。");
            }

            var notes = new List<string>();
            string raw = PdfLayout.Compose(pages, out int pageNumbersDropped);
            string text = raw.Normalize(NormalizationForm.FormKC);
            if (!string.Equals(text, raw, StringComparison.Ordinal))
            {
                notes.Add("PDF 中提取的文字已做 Unicode NFKC 规范化：康熙部首等兼容字符还原为常用汉字（⽂→文），全角字母、数字和括号、冒号等标点变为半角（（）：１→():1）。");
            }

            if (imageOnly.Count > 0)
            {
                notes.Add($"第 {Pages(imageOnly)} 页没有文字层（可能是扫描页），这些页的内容未读取。");
            }

            if (unreadable.Count > 0)
            {
                notes.Add($"第 {Pages(unreadable)} 页已损坏，无法读取，已跳过。");
            }

            if (pageNumbersDropped > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"已去掉 {pageNumbersDropped} 个页码行。"));
            }

            if (Garbled(text))
            {
                notes.Add("PDF 的字体缺少文字映射，提取出的文字可能是乱码；如内容不对，请提供 Word 或文本版本。");
            }

            return new DocumentText(text, SourceFormat.Pdf, null, null, null) { Notes = notes };
        }
    }

    private static DocumentText Encrypted() =>
        DocumentText.Fail(SourceFormat.Pdf, DocumentProblem.Damaged, "PDF 文件设置了密码保护，无法读取；请提供未加密的 PDF、Word 或文本版本。");

    private static DocumentText Damaged() =>
        DocumentText.Fail(SourceFormat.Pdf, DocumentProblem.Damaged, "PDF 文件已损坏或不完整，无法读取；请重新下载，或提供 Word 或文本版本。");

    private static string Pages(List<int> pages) =>
        string.Join('、', pages.Take(10).Select(p => p.ToString(CultureInfo.InvariantCulture))) + (pages.Count > 10 ? " 等" : string.Empty);

    /// <summary>Private-use and replacement characters are what glyphs without a Unicode mapping come out as.</summary>
    private static bool Garbled(string text)
    {
        int bad = 0;
        int all = 0;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            all++;
            if (c is '\uFFFD' or (>= '\uE000' and <= '\uF8FF') || (char.IsControl(c) && c != '\t'))
            {
                bad++;
            }
        }

        return all > 0 && bad > all / 5;
    }
}
