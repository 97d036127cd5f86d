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

    public static DocumentText Fail(SourceFormat format, DocumentProblem problem, string message) =>
        new(null, format, null, problem, message);
}

/// <summary>Reads an uploaded or local notice file into text. Never throws on bad content.</summary>
public static class DocumentReader
{
    /// <summary>Files larger than this are refused.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    public static DocumentText Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        if (content.LongLength > MaxBytes)
        {
            return DocumentText.Fail(SourceFormat.Text, DocumentProblem.TooLarge, $"文件超过 {MaxBytes / 1024 / 1024} MB，无法读取。");
        }

        string ext = Path.GetExtension(fileName).ToLowerInvariant();
        return ext switch
        {
            ".docx" => DocumentText.Fail(SourceFormat.Word, DocumentProblem.UnsupportedType, "暂不支持 Word 文件。"),
            ".pdf" => DocumentText.Fail(SourceFormat.Pdf, DocumentProblem.UnsupportedType, "暂不支持 PDF 文件。"),
            ".doc" => DocumentText.Fail(SourceFormat.Word, DocumentProblem.UnsupportedType,
                "不支持旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后再上传。"),
            _ => TextDecoder.Decode(content),
        };
    }
}
