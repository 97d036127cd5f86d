using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Documents;

/// <summary>
/// Reads the body of a .docx in document order: a paragraph is one line (runs concatenated, w:br a line break, w:tab a
/// '\t'), a table row is one line with its cells joined by '\t' (a cell's paragraphs joined with nothing). Text in text
/// boxes follows the paragraph that anchors it. Deleted revisions and field codes are left out; inserted revisions and
/// field results are kept. Word's automatic list numbering (w:numPr) is not text in the file and cannot be recovered
/// exactly: nothing is emitted for it, and a note says so.
/// The Open XML SDK loads a part's XML recursively (a .docx of 1.8 KB nesting tables 10,000 deep overflows the stack and
/// ends the process), so every part it is asked to load is first read with a streaming XmlReader within the budget.
/// </summary>
internal static class WordReader
{
    private const string DamagedMessage = "Word 文件已损坏或不完整（不是有效的 .docx 压缩包），无法读取；请重新下载，或在 Word 中打开后另存为 .docx 再上传。";

    public static DocumentText Read(byte[] content, ReadBudget budget)
    {
        WordprocessingDocument doc;
        try
        {
            var settings = new OpenSettings { MaxCharactersInPart = 256L * 1024 * 1024 };
            doc = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false, settings);
        }
#pragma warning disable CA1031 // Any failure to open the package means the file is damaged; the reader never throws on content.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return DocumentText.Fail(SourceFormat.Word, DocumentProblem.Damaged, DamagedMessage);
        }

        using (doc)
        {
            Body? body;
            try
            {
                Scan(doc.MainDocumentPart, budget);
                Scan(doc.MainDocumentPart?.StyleDefinitionsPart, budget);
                body = doc.MainDocumentPart?.Document?.Body;
            }
            catch (Exception ex) when (ex is ReadLimitException or OperationCanceledException)
            {
                throw;
            }
#pragma warning disable CA1031 // The main part's XML is parsed lazily here: broken XML is a damaged file.
            catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                return DocumentText.Fail(SourceFormat.Word, DocumentProblem.Damaged, DamagedMessage);
            }

            if (body is null)
            {
                return DocumentText.Fail(SourceFormat.Word, DocumentProblem.Damaged, "文件是 zip 压缩包，但其中没有 Word 正文（word/document.xml），无法读取。");
            }

            var walker = new Walker(NumberedStyles(doc.MainDocumentPart!), budget);
            walker.Blocks(body);
            string text = string.Join('\n', walker.Lines);
            if (string.IsNullOrWhiteSpace(text))
            {
                return DocumentText.Fail(SourceFormat.Word, DocumentProblem.Empty, "Word 文档中没有文字。");
            }

            return new DocumentText(text, SourceFormat.Word, null, null, null) { Notes = walker.Notes() };
        }
    }

    /// <summary>Reads a part's XML without building it, refusing it when it is nested too deep or holds too many elements.</summary>
    private static void Scan(OpenXmlPart? part, ReadBudget budget)
    {
        if (part is null)
        {
            return;
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        using Stream stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                budget.Element(reader.Depth + 1);
            }
        }
    }

    /// <summary>Paragraph styles that carry list numbering themselves or through the styles they are based on.</summary>
    private static HashSet<string> NumberedStyles(MainDocumentPart main)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        Styles? styles = main.StyleDefinitionsPart?.Styles;
        if (styles is null)
        {
            return result;
        }

        var byId = new Dictionary<string, Style>(StringComparer.Ordinal);
        foreach (Style s in styles.Elements<Style>())
        {
            if (s.StyleId?.Value is string id)
            {
                byId.TryAdd(id, s);
            }
        }

        foreach (string id in byId.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? current = id;
            while (current is not null && seen.Add(current) && byId.TryGetValue(current, out Style? style))
            {
                NumberingProperties? num = style.StyleParagraphProperties?.NumberingProperties;
                if (num is not null)
                {
                    if (num.NumberingId?.Val?.Value is not 0)
                    {
                        result.Add(id);
                    }

                    break;
                }

                current = style.BasedOn?.Val?.Value;
            }
        }

        return result;
    }

    private sealed class Walker(HashSet<string> numberedStyles, ReadBudget budget)
    {
        private int numbered;
        private string? firstNumbered;
        private int skippedChunks;

        public List<string> Lines { get; } = [];

        public IReadOnlyList<string> Notes()
        {
            var notes = new List<string>();
            if (numbered > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"文档中有 {numbered} 段使用了 Word 自动编号（如“{firstNumbered}”），编号数字不在文件文字中，无法准确还原，读出的文字里没有这些编号；请核对条目序号。"));
            }

            if (skippedChunks > 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"文档中有 {skippedChunks} 处嵌入的其他格式内容（altChunk），未读取。"));
            }

            return notes;
        }

        /// <summary>Block-level content in order: paragraphs, tables, content controls and custom XML wrappers.</summary>
        public void Blocks(OpenXmlElement container)
        {
            budget.Time();
            foreach (OpenXmlElement e in container.ChildElements)
            {
                switch (e)
                {
                    case Paragraph p:
                        Paragraph(p);
                        break;
                    case Table t:
                        Table(t);
                        break;
                    case SectionProperties:
                        break;
                    case AltChunk:
                        skippedChunks++;
                        break;
                    case SdtBlock or CustomXmlBlock or SdtContentBlock:
                        Blocks(e);
                        break;
                    default:
                        if (e.LocalName is "sdtContent" or "customXml" or "sdt")
                        {
                            Blocks(e);
                        }

                        break;
                }
            }
        }

        private void Paragraph(Paragraph p)
        {
            var text = new StringBuilder();
            var boxes = new List<OpenXmlElement>();
            Inline(p, text, boxes);
            if (IsNumbered(p))
            {
                numbered++;
                firstNumbered ??= Snippet(text.ToString());
            }

            Lines.Add(text.ToString());
            foreach (OpenXmlElement box in boxes)
            {
                Blocks(box);
            }
        }

        private bool IsNumbered(Paragraph p)
        {
            ParagraphProperties? props = p.ParagraphProperties;

            // A numId on the paragraph decides (0 switches numbering off, also numbering inherited from the style);
            // without one, the paragraph style may number it.
            if (props?.NumberingProperties?.NumberingId?.Val?.Value is int direct)
            {
                return direct != 0;
            }

            return props?.ParagraphStyleId?.Val?.Value is string style && numberedStyles.Contains(style);
        }

        private static string Snippet(string s)
        {
            string t = s.Trim();
            return t.Length <= 20 ? t : string.Concat(t.AsSpan(0, 20), "…");
        }

        /// <summary>The text of a paragraph's runs, in order, through hyperlinks, fields, content controls and inserted revisions.</summary>
        private static void Inline(OpenXmlElement e, StringBuilder text, List<OpenXmlElement> boxes)
        {
            foreach (OpenXmlElement c in e.ChildElements)
            {
                switch (c)
                {
                    case Text t:
                        text.Append(t.Text);
                        break;
                    case DocumentFormat.OpenXml.Math.Text mt:
                        text.Append(mt.Text);
                        break;
                    case TabChar or PositionalTab:
                        text.Append('\t');
                        break;
                    case Break or CarriageReturn:
                        text.Append('\n');
                        break;
                    case NoBreakHyphen:
                        text.Append('-');
                        break;
                    case ParagraphProperties or RunProperties or DeletedText or FieldCode or DeletedFieldCode
                        or DeletedRun or MoveFromRun or SoftHyphen or SymbolChar:
                        break;
                    case Drawing or Picture or EmbeddedObject or AlternateContent:
                        TextBoxes(c, boxes);
                        break;
                    default:
                        Inline(c, text, boxes);
                        break;
                }
            }
        }

        /// <summary>Text boxes inside a drawing; of alternative renderings (mc:AlternateContent) only the first is taken.</summary>
        private static void TextBoxes(OpenXmlElement e, List<OpenXmlElement> boxes)
        {
            if (e.LocalName == "txbxContent")
            {
                boxes.Add(e);
                return;
            }

            if (e is AlternateContent alt)
            {
                OpenXmlElement? pick = alt.GetFirstChild<AlternateContentChoice>() ?? (OpenXmlElement?)alt.GetFirstChild<AlternateContentFallback>();
                if (pick is not null)
                {
                    TextBoxes(pick, boxes);
                }

                return;
            }

            foreach (OpenXmlElement c in e.ChildElements)
            {
                TextBoxes(c, boxes);
            }
        }

        private void Table(Table t)
        {
            foreach (TableRow row in Rows(t))
            {
                var cells = new List<string>();
                foreach (TableCell cell in Cells(row))
                {
                    cells.Add(CellText(cell));
                }

                Lines.Add(string.Join('\t', cells));
            }
        }

        /// <summary>The rows whose nearest table is this one, in document order (also those inside content controls).</summary>
        private static IEnumerable<TableRow> Rows(OpenXmlElement table) => Below<TableRow, Table>(table);

        /// <summary>The cells whose nearest row is this one, in document order.</summary>
        private static IEnumerable<TableCell> Cells(TableRow row) => Below<TableCell, TableRow>(row);

        /// <summary>
        /// The descendants of type <typeparamref name="T"/> not inside a nested <typeparamref name="TStop"/>, in document
        /// order. (Filtering all descendants by their nearest ancestor costs the depth for each, for each nested table.)
        /// </summary>
        private static List<T> Below<T, TStop>(OpenXmlElement root)
            where T : OpenXmlElement
            where TStop : OpenXmlElement
        {
            var found = new List<T>();
            var stack = new Stack<OpenXmlElement>();
            for (OpenXmlElement? c = root.LastChild; c is not null; c = c.PreviousSibling())
            {
                stack.Push(c);
            }

            while (stack.Count > 0)
            {
                OpenXmlElement e = stack.Pop();
                if (e is T t)
                {
                    found.Add(t);
                }

                if (e is TStop)
                {
                    continue;
                }

                for (OpenXmlElement? c = e.LastChild; c is not null; c = c.PreviousSibling())
                {
                    stack.Push(c);
                }
            }

            return found;
        }

        /// <summary>A cell on one line: its paragraphs joined with nothing, line breaks dropped, tabs made spaces so columns stay columns.</summary>
        private static string CellText(OpenXmlElement cell)
        {
            var sb = new StringBuilder();
            CellBlocks(cell, sb);
            return sb.ToString();
        }

        private static void CellBlocks(OpenXmlElement container, StringBuilder sb)
        {
            foreach (OpenXmlElement e in container.ChildElements)
            {
                switch (e)
                {
                    case Paragraph p:
                        var text = new StringBuilder();
                        var boxes = new List<OpenXmlElement>();
                        Inline(p, text, boxes);
                        sb.Append(text.Replace("\n", string.Empty).Replace('\t', ' '));
                        foreach (OpenXmlElement box in boxes)
                        {
                            CellBlocks(box, sb);
                        }

                        break;
                    case Table nested:
                        foreach (TableRow row in Rows(nested))
                        {
                            foreach (TableCell cell in Cells(row))
                            {
                                CellBlocks(cell, sb);
                            }
                        }

                        break;
                    case TableCellProperties:
                        break;
                    default:
                        CellBlocks(e, sb);
                        break;
                }
            }
        }
    }
}
