using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// Measures and building blocks of the GB/T 9704-2012 layout (党政机关公文格式). Lengths are in twentieths of a point
/// (twips) unless the name says half-points.
/// </summary>
internal static class GbFormat
{
    public const int PageWidth = 11906;   // A4 210 mm
    public const int PageHeight = 16838;  // A4 297 mm
    public const int MarginTop = 2098;    // 37 mm
    public const int MarginBottom = 1984; // 35 mm
    public const int MarginLeft = 1587;   // 28 mm
    public const int MarginRight = 1474;  // 26 mm
    public const int TextWidth = PageWidth - MarginLeft - MarginRight; // 156 mm

    public const int BodyHalfPoints = 32;   // 三号 16 pt
    public const int TitleHalfPoints = 44;  // 二号 22 pt
    public const int SmallHalfPoints = 28;  // 四号 14 pt: 版记, page numbers, tables
    public const int MaxMarkHalfPoints = 72; // 小初 36 pt at most for the issuer mark
    public const int BodyLine = 579;        // fixed 28.95 pt: 22 lines in the 225 mm text height
    public const int Em = BodyHalfPoints * 10; // one body character, 16 pt
    public const int CharsPerLine = 28;
    public const int LinesPerPage = 22;

    /// <summary>
    /// Character spacing of every run, in twentieths of a point: 28 三号 characters must fit the 156 mm (442.2 pt) line,
    /// and 28 × 16 pt is 448 pt; at 15.75 pt they take 441 pt and justification spreads them over the line.
    /// </summary>
    public const int CharSpacing = -5;

    public const string Red = "FF0000";

    public const string XiaoBiaoSong = "方正小标宋简体";
    public const string FangSong = "仿宋_GB2312";
    public const string HeiTi = "黑体";
    public const string KaiTi = "楷体_GB2312";
    public const string SongTi = "宋体";

    /// <summary>The fonts used, with the name a word processor falls back to when the first is not installed.</summary>
    public static readonly (string Name, string AltName, FontFamilyValues Family)[] Fonts =
    [
        (XiaoBiaoSong, "华文中宋", FontFamilyValues.Roman),
        (FangSong, "仿宋", FontFamilyValues.Modern),
        (HeiTi, "SimHei", FontFamilyValues.Modern),
        (KaiTi, "楷体", FontFamilyValues.Modern),
        (SongTi, "SimSun", FontFamilyValues.Auto),
    ];

    /// <summary>
    /// A title cited in the text: in 《》, with any 书名号 inside it turned into 〈〉 (GB/T 15834: 《…〈…〉…》), and the spaces
    /// that PDF extraction leaves between Chinese characters removed: "2026 年 区《政府工作报告》" → "《2026年区〈政府工作报告〉》".
    /// </summary>
    public static string Cite(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        string t = title.Trim();
        if (t.StartsWith('《') && t.EndsWith('》'))
        {
            t = t[1..^1];
        }

        var sb = new StringBuilder(t.Length + 2).Append('《');
        for (int i = 0; i < t.Length; i++)
        {
            char c = t[i];
            if (c is '\r' or '\n' || (char.IsWhiteSpace(c) && (sb.Length <= 1 || !char.IsAscii(sb[^1]) || (i + 1 < t.Length && !char.IsAscii(t[i + 1])))))
            {
                continue;
            }

            sb.Append(c switch { '《' => '〈', '》' => '〉', '|' => '｜', _ => c });
        }

        return sb.Append('》').ToString();
    }

    public static Run Run(string text, string font, int halfPoints, string? color = null)
    {
        var props = new RunProperties
        {
            RunFonts = new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia },
            FontSize = new FontSize { Val = Half(halfPoints) },
            FontSizeComplexScript = new FontSizeComplexScript { Val = Half(halfPoints) },
        };
        if (color is not null)
        {
            props.Color = new Color { Val = color };
        }

        var run = new Run(props);
        string[] lines = BreakableLists(XmlSafe(text)).ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    public static Paragraph Paragraph(ParagraphProperties props, params OpenXmlElement[] content)
    {
        var p = new Paragraph(props);
        p.Append(content);
        return p;
    }

    /// <summary>Paragraph properties with fixed line spacing and no space before or after.</summary>
    /// <remarks>No automatic space between Chinese and Latin text or digits ("2026年7月15日" as printed documents have
    /// it). Word honours this; LibreOffice 7.4 ignores it on import and still adds a narrow space in the PDF.</remarks>
    public static ParagraphProperties Props(JustificationValues align, int line = BodyLine, bool exact = true) => new()
    {
        AutoSpaceDE = new AutoSpaceDE { Val = false },
        AutoSpaceDN = new AutoSpaceDN { Val = false },
        SpacingBetweenLines = new SpacingBetweenLines
        {
            Before = "0",
            After = "0",
            Line = Twips(line),
            LineRule = exact ? LineSpacingRuleValues.Exact : LineSpacingRuleValues.Auto,
        },
        Justification = new Justification { Val = align },
    };

    /// <summary>An empty line the height of a body line.</summary>
    public static Paragraph Blank() => Paragraph(Props(JustificationValues.Left), Run(string.Empty, FangSong, BodyHalfPoints));

    public static BorderType Line<TBorder>(string color, uint eighthsOfPoint, uint spacePoints)
        where TBorder : BorderType, new() =>
        new TBorder { Val = BorderValues.Single, Color = color, Size = eighthsOfPoint, Space = spacePoints };

    public static string Twips(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Half(int halfPoints) => halfPoints.ToString(CultureInfo.InvariantCulture);

    /// <summary>成文日期 and 印发日期 are written with Arabic numerals and no leading zeros: 2026年7月15日.</summary>
    public static string ChineseDate(DateOnly date) => Luoshi.Parsing.Calendar.ChineseDates.Day(date);

    /// <summary>Width in characters of the body font: a Chinese character is one, a Latin letter or digit half.</summary>
    public static double Ems(string text)
    {
        double width = 0;
        foreach (char c in text)
        {
            width += c < 0x2E80 ? 0.5 : 1;
        }

        return width;
    }

    /// <summary>User text is data: characters that XML cannot carry (control characters, lone surrogates) are dropped.</summary>
    /// <summary>
    /// A zero-width space after each "、" or "—" between digits ("第12、15、138—142项"): LibreOffice's line breaking keeps a run
    /// of numbers and 顿号 together as one word and then spreads the line's characters apart; Word breaks there anyway.
    /// </summary>
    public static string BreakableLists(string text)
    {
        if (!text.Contains('、', StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            sb.Append(text[i]);
            if (text[i] == '、' && i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                sb.Append('\u200B');
            }
        }

        return sb.ToString();
    }

    public static string XmlSafe(string text)
    {
        if (text.All(c => XmlConvert.IsXmlChar(c)))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
        }

        return sb.ToString();
    }
}
