namespace Luoshi.Documents;

/// <summary>What the first bytes of a file say it is.</summary>
internal enum Sniffed
{
    Text,
    Docx,
    Pdf,
    Html,
    LegacyWord,
    EncryptedOffice,
    Rtf,
    OtherZip,
    Image,
}

/// <summary>
/// Decides a file's format from its content, falling back to its extension only when the content has no signature.
/// Extensions lie often (a web page saved as .doc, a .docx renamed to .txt, a PDF without extension), content rarely does.
/// </summary>
internal static class FormatSniffer
{
    private static readonly byte[] Zip = "PK\u0003\u0004"u8.ToArray();
    private static readonly byte[] EmptyZip = "PK\u0005\u0006"u8.ToArray();
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] WordMain = "word/document.xml"u8.ToArray();
    private static readonly byte[] WordDir = "word/"u8.ToArray();
    private static readonly byte[] EncryptedPackage = Encoding.Unicode.GetBytes("EncryptedPackage");

    public static Sniffed Sniff(byte[] b, string ext)
    {
        ReadOnlySpan<byte> s = b;
        if (s.StartsWith(Zip) || s.StartsWith(EmptyZip))
        {
            // A truncated .docx keeps its local headers (file names in plain bytes) even when the central directory is gone.
            return ext == ".docx" || s.IndexOf(WordMain) >= 0 || s.IndexOf(WordDir) >= 0 ? Sniffed.Docx : Sniffed.OtherZip;
        }

        if (s.StartsWith(Ole))
        {
            // An Office file with an opening password is a compound file holding an "EncryptedPackage" stream.
            return s.IndexOf(EncryptedPackage) >= 0 ? Sniffed.EncryptedOffice : Sniffed.LegacyWord;
        }

        // The PDF header may follow some junk, within the first kilobyte.
        if (s[..Math.Min(s.Length, 1024)].IndexOf(Pdf) >= 0)
        {
            return Sniffed.Pdf;
        }

        if (IsImage(s))
        {
            return Sniffed.Image;
        }

        string head = Head(b);
        string trimmed = head.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith("{\\rtf", StringComparison.Ordinal))
        {
            return Sniffed.Rtf;
        }

        if (LooksLikeHtml(head))
        {
            return Sniffed.Html;
        }

        return ext switch
        {
            ".html" or ".htm" or ".xhtml" or ".shtml" => Sniffed.Html,
            _ => Sniffed.Text,
        };
    }

    private static bool IsImage(ReadOnlySpan<byte> s) =>
        s.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])
        || s.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || s.StartsWith("GIF87a"u8) || s.StartsWith("GIF89a"u8)
        || s.StartsWith("II*\0"u8) || s.StartsWith("MM\0*"u8)
        || (s.Length >= 12 && s.StartsWith("RIFF"u8) && s[8..12].SequenceEqual("WEBP"u8))
        || s.StartsWith("BM"u8) && s.Length > 14 && s[6] == 0 && s[7] == 0 && s[8] == 0 && s[9] == 0;

    /// <summary>The first 2 KB as text, good enough to look for markup: UTF-16 when a BOM says so, else Latin-1 (ASCII markup survives any ASCII-compatible encoding).</summary>
    private static string Head(byte[] b)
    {
        int n = Math.Min(b.Length, 2048);
        if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(b, 2, (n - 2) & ~1);
        }

        if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(b, 2, (n - 2) & ~1);
        }

        return Encoding.Latin1.GetString(b, 0, n);
    }

    /// <summary>"&lt;html" or "&lt;!DOCTYPE html" near the start, possibly after a BOM, an XML declaration or comments.</summary>
    internal static bool LooksLikeHtml(string head)
    {
        int limit = Math.Min(head.Length, 1024);
        string start = head[..limit];
        int doctype = start.IndexOf("<!doctype html", StringComparison.OrdinalIgnoreCase);
        int html = start.IndexOf("<html", StringComparison.OrdinalIgnoreCase);
        int at = doctype >= 0 ? doctype : html;
        if (at < 0)
        {
            return false;
        }

        // What stands before the tag must be markup or whitespace, not prose that happens to mention "<html".
        string before = start[..at];
        foreach (char c in before)
        {
            if (c is not ('\uFEFF' or ' ' or '\t' or '\r' or '\n'))
            {
                return before.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('<');
            }
        }

        return true;
    }
}
