namespace Luoshi.Documents;

/// <summary>The formats a notice can arrive in.</summary>
public enum SourceFormat
{
    Text,
    Word,
    Pdf,
    Html,
}

/// <summary>Why a document could not be read.</summary>
public enum DocumentProblem
{
    Empty,
    Binary,
    UnsupportedType,
    Damaged,
    NoTextLayer,
    TooLarge,

    /// <summary>Nested deeper, or holding more elements, than <see cref="ReadLimits"/> allows.</summary>
    TooComplex,

    /// <summary>Reading took longer than <see cref="ReadLimits.MaxTime"/>.</summary>
    TimedOut,
}

/// <summary>The text of a document, or why there is none.</summary>
/// <param name="Text">The text, lines separated by '\n'; null when the document could not be read.</param>
/// <param name="Format">The format it was read as.</param>
/// <param name="Encoding">For text files: the encoding detected (utf-8, utf-16le, utf-16be, gb18030).</param>
/// <param name="Problem">Why it could not be read, if it could not.</param>
/// <param name="Message">One clear line in Chinese for the user when it could not be read.</param>
public sealed record DocumentText(string? Text, SourceFormat Format, string? Encoding, DocumentProblem? Problem, string? Message)
{
    public bool Succeeded => Text is not null;

    /// <summary>
    /// Things the reader could not carry over exactly, in Chinese, for the user: Word automatic numbering left out,
    /// PDF text normalised (NFKC), pages without a text layer, the part of a web page kept. Empty when there is nothing to say.
    /// </summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static DocumentText Fail(SourceFormat format, DocumentProblem problem, string message) =>
        new(null, format, null, problem, message);
}

/// <summary>Reads an uploaded or local notice file into text. Never throws on bad content.</summary>
public static class DocumentReader
{
    /// <summary>Files larger than this are refused.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Reads a notice. The content decides the format when it is recognisable (a zip holding word/document.xml is Word,
    /// "%PDF-" is PDF, "&lt;html" or "&lt;!DOCTYPE html" near the start is a web page), whatever the file name says;
    /// otherwise the extension decides, and anything else is decoded as text.
    /// </summary>
    public static DocumentText Read(byte[] content, string fileName) => Read(content, fileName, ReadLimits.Default);

    /// <summary>
    /// Reads a notice within <paramref name="limits"/>: a file over one of them is refused with
    /// <see cref="DocumentProblem.TooLarge"/>, <see cref="DocumentProblem.TooComplex"/> or <see cref="DocumentProblem.TimedOut"/>
    /// and a message saying which. Throws <see cref="OperationCanceledException"/> only when <paramref name="ct"/> is cancelled.
    /// </summary>
    public static DocumentText Read(byte[] content, string fileName, ReadLimits limits, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        string ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (content.LongLength > limits.MaxBytes)
        {
            return DocumentText.Fail(FormatOf(ext), DocumentProblem.TooLarge, limits.MaxBytes >= 1024 * 1024
                ? $"文件超过 {limits.MaxBytes / 1024 / 1024} MB，无法读取。"
                : $"文件超过 {limits.MaxBytes / 1024} KB，无法读取。");
        }

        using var timeUp = new CancellationTokenSource(limits.MaxTime);
        var budget = new ReadBudget(limits, timeUp.Token, ct);
        try
        {
            budget.Time();
            return Dispatch(content, ext, budget);
        }
        catch (ReadLimitException limit)
        {
            return DocumentText.Fail(FormatOf(ext), limit.Problem, limit.Message);
        }
#pragma warning disable CA1031 // The contract is "never throws on bad content": a reader bug must not take the caller down.
        catch (Exception ex) when (ex is not OutOfMemoryException && !(ex is OperationCanceledException && ct.IsCancellationRequested))
#pragma warning restore CA1031
        {
            return DocumentText.Fail(FormatOf(ext), DocumentProblem.Damaged, $"文件无法读取，可能已损坏（{ex.GetType().Name}）。");
        }
    }

    private static SourceFormat FormatOf(string ext) => ext switch
    {
        ".docx" or ".doc" => SourceFormat.Word,
        ".pdf" => SourceFormat.Pdf,
        ".html" or ".htm" => SourceFormat.Html,
        _ => SourceFormat.Text,
    };

    private static DocumentText Dispatch(byte[] content, string ext, ReadBudget budget)
    {
        if (content.Length == 0)
        {
            return TextDecoder.Decode(content);
        }

        Sniffed kind = FormatSniffer.Sniff(content, ext);
        return kind switch
        {
            Sniffed.Docx => WordReader.Read(content, budget),
            Sniffed.Pdf => PdfReader.Read(content, budget),
            Sniffed.Html => HtmlReader.Read(content, budget),
            Sniffed.LegacyWord => DocumentText.Fail(SourceFormat.Word, DocumentProblem.UnsupportedType,
                "不支持旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再上传。"),
            Sniffed.EncryptedOffice => DocumentText.Fail(SourceFormat.Word, DocumentProblem.Damaged,
                "Word 文件设置了打开密码，无法读取；请取消密码后另存为 .docx 再上传。"),
            Sniffed.Rtf => DocumentText.Fail(SourceFormat.Word, DocumentProblem.UnsupportedType,
                "不支持 RTF 文件，请在 Word 中另存为 .docx 后再上传。"),
            Sniffed.OtherZip => DocumentText.Fail(SourceFormat.Text, DocumentProblem.UnsupportedType,
                "这是一个压缩文件（zip，可能是 Excel 或其他格式），不是 Word 文档；请上传 .docx、.pdf、网页或文本文件。"),
            Sniffed.Image => DocumentText.Fail(SourceFormat.Text, DocumentProblem.Binary,
                "这是图片文件，没有可读取的文字；请提供 Word 或文本版本，或先做文字识别。"),
            Sniffed.Text => TextOrMislabelled(content, ext),
        };
    }

    /// <summary>Content with no recognisable signature: text, unless the name promised a format and the bytes are not text either.</summary>
    private static DocumentText TextOrMislabelled(byte[] content, string ext)
    {
        DocumentText text = TextDecoder.Decode(content);
        if (text.Problem != DocumentProblem.Binary)
        {
            return text;
        }

        return ext switch
        {
            ".docx" => DocumentText.Fail(SourceFormat.Word, DocumentProblem.Damaged, "文件名是 .docx，但内容不是有效的 Word 文档，可能已损坏。"),
            ".pdf" => DocumentText.Fail(SourceFormat.Pdf, DocumentProblem.Damaged, "文件名是 .pdf，但内容不是有效的 PDF 文件，可能已损坏。"),
            ".doc" => DocumentText.Fail(SourceFormat.Word, DocumentProblem.UnsupportedType,
                "不支持旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再上传。"),
            _ => text,
        };
    }
}
