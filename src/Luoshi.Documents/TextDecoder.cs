namespace Luoshi.Documents;

/// <summary>Detects the encoding of a plain-text notice (UTF-8, UTF-16 with or without BOM, GB18030/GBK) and decodes it.</summary>
public static class TextDecoder
{
    private static readonly Encoding Utf8Strict = new UTF8Encoding(false, true);

    static TextDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static DocumentText Decode(byte[] b)
    {
        if (b.Length == 0)
        {
            return DocumentText.Fail(SourceFormat.Text, DocumentProblem.Empty, "文件是空的。");
        }

        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return Ok(Encoding.UTF8.GetString(b, 3, b.Length - 3), "utf-8");
        }

        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            return Ok(Encoding.Unicode.GetString(b, 2, b.Length - 2), "utf-16le");
        }

        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return Ok(Encoding.BigEndianUnicode.GetString(b, 2, b.Length - 2), "utf-16be");
        }

        if (LooksLikeUtf16(b, out bool bigEndian))
        {
            return Ok((bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(b), bigEndian ? "utf-16be" : "utf-16le");
        }

        if (LooksBinary(b))
        {
            return DocumentText.Fail(SourceFormat.Text, DocumentProblem.Binary, "文件不是文本，也不是可识别的 Word、PDF 或网页文件。");
        }

        try
        {
            return Ok(Utf8Strict.GetString(b), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: Chinese government text of this age is GB18030 (a superset of GBK and GB2312).
        }

        var gb = Encoding.GetEncoding("GB18030", EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
        string text = gb.GetString(b);
        int bad = text.Count(c => c == '\uFFFD');
        if (bad > text.Length / 50 + 2)
        {
            return DocumentText.Fail(SourceFormat.Text, DocumentProblem.Binary, "无法识别文件的文字编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）。");
        }

        return Ok(text, "gb18030");
    }

    private static DocumentText Ok(string text, string encoding) =>
        new(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'), SourceFormat.Text, encoding, null, null);

    /// <summary>UTF-16 without a BOM: many zero bytes, all on even (big-endian) or odd (little-endian) positions.</summary>
    private static bool LooksLikeUtf16(byte[] b, out bool bigEndian)
    {
        int n = Math.Min(b.Length, 4096) & ~1;
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2)
        {
            evenZeros += b[i] == 0 ? 1 : 0;
            oddZeros += b[i + 1] == 0 ? 1 : 0;
        }

        int pairs = Math.Max(1, n / 2);
        bigEndian = evenZeros > oddZeros;
        bool asciiHeavy = Math.Max(evenZeros, oddZeros) > pairs * 0.3 && Math.Min(evenZeros, oddZeros) < pairs * 0.05;
        if (asciiHeavy)
        {
            return true;
        }

        // Mostly Chinese UTF-16 has few zeros: decode and see whether it is mostly Han and common marks.
        if (n < 8 || (n / 2 * 2 != n))
        {
            return false;
        }

        string le = Encoding.Unicode.GetString(b, 0, n);
        string be = Encoding.BigEndianUnicode.GetString(b, 0, n);
        double sl = TextScore(le);
        double sb = TextScore(be);
        bigEndian = sb > sl;
        return Math.Max(sl, sb) > 0.85 && !Utf8Valid(b);
    }

    private static bool Utf8Valid(byte[] b)
    {
        try
        {
            Utf8Strict.GetString(b);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static double TextScore(string s)
    {
        if (s.Length == 0)
        {
            return 0;
        }

        int good = 0;
        foreach (char c in s)
        {
            if ((c >= '\u4E00' && c <= '\u9FFF') || (c >= 0x20 && c < 0x7F) || c is '\n' or '\r' or '\t'
                || (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF') || c is '“' or '”' or '—' or '…')
            {
                good++;
            }
        }

        return good / (double)s.Length;
    }

    /// <summary>NUL bytes or many control characters outside UTF-16: not a text file.</summary>
    private static bool LooksBinary(byte[] b)
    {
        int n = Math.Min(b.Length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++)
        {
            byte x = b[i];
            if (x == 0)
            {
                return true;
            }

            if (x < 0x09 || (x > 0x0D && x < 0x20 && x != 0x1B))
            {
                control++;
            }
        }

        return control > n / 100 + 1;
    }
}
