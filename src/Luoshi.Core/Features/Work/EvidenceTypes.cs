namespace Luoshi.Core.Features.Work;

/// <summary>An accepted evidence file type.</summary>
public sealed record EvidenceKind(string Extension, string ContentType);

/// <summary>
/// Which evidence files are accepted: PDF, Word, Excel, OFD, JPEG and PNG, recognised by their first
/// bytes as well as their name (a renamed executable is refused), up to a size limit.
/// </summary>
public static class EvidenceTypes
{
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly Dictionary<string, (byte[] Magic, string ContentType)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = (Pdf, "application/pdf"),
        [".docx"] = (Zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        [".xlsx"] = (Zip, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        [".ofd"] = (Zip, "application/ofd"),
        [".doc"] = (Ole, "application/msword"),
        [".xls"] = (Ole, "application/vnd.ms-excel"),
        [".jpg"] = (Jpeg, "image/jpeg"),
        [".jpeg"] = (Jpeg, "image/jpeg"),
        [".png"] = (Png, "image/png"),
    };

    public static string Accepted => "PDF、Word（.doc/.docx）、Excel（.xls/.xlsx）、OFD、JPG、PNG";

    /// <summary>The refusal of an empty file or one over <paramref name="maxBytes"/>, or null.</summary>
    public static Failure? CheckSize(ReadOnlySpan<byte> content, long maxBytes)
    {
        if (content.Length == 0)
        {
            return new Failure(FailureKind.Invalid, "文件是空的。");
        }

        if (content.Length > maxBytes)
        {
            return new Failure(FailureKind.Invalid, $"文件过大（{content.Length / 1024.0 / 1024.0:0.0} MB），单个佐证材料不能超过 {maxBytes / 1024 / 1024} MB。");
        }

        return null;
    }

    public static Outcome<EvidenceKind> Check(string fileName, ReadOnlySpan<byte> content, long maxBytes)
    {
        string ext = Path.GetExtension(fileName ?? string.Empty);
        if (CheckSize(content, maxBytes) is { } size)
        {
            return size;
        }

        if (!Known.TryGetValue(ext, out var known))
        {
            return new Failure(FailureKind.Invalid, $"不支持该文件类型（{(ext.Length == 0 ? "无扩展名" : ext)}）。可上传：{Accepted}。");
        }

        if (!content.StartsWith(known.Magic))
        {
            return new Failure(FailureKind.Invalid, $"文件内容与扩展名 {ext} 不符，可能已损坏或被改名，请检查后重新上传。");
        }

        return new EvidenceKind(ext.ToLowerInvariant(), known.ContentType);
    }
}
