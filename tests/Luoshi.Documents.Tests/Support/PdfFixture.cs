using System.Diagnostics;

namespace Luoshi.Documents.Tests.Support;

/// <summary>
/// Converts the seed .docx files to PDF with LibreOffice once for the whole test run (one LibreOffice start-up for all
/// of them) into a private temp folder, removed at the end. Empty when LibreOffice is not installed: the tests that
/// need it are skipped then.
/// </summary>
public sealed class PdfFixture : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "luoshi-documents-tests-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, byte[]> pdfs = new(StringComparer.Ordinal);

    public PdfFixture()
    {
        if (!LibreOffice.Available)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        var sources = Seeds.All.ToDictionary(s => s, Seeds.ParagraphDocx, StringComparer.Ordinal);
        sources[CompatibilityCharacters] = DocxBuilder.Paragraphs(CompatibilityLines);
        var files = new List<string>();
        foreach ((string name, byte[] docx) in sources)
        {
            string path = Path.Combine(dir, Path.ChangeExtension(name, ".docx"));
            File.WriteAllBytes(path, docx);
            files.Add(path);
        }

        var watch = Stopwatch.StartNew();
        LibreOffice.Convert(files, dir);

        // The same small document once more, with an opening password (LibreOffice 7.4+ takes export options as JSON).
        string secret = Path.Combine(dir, Path.ChangeExtension(Encrypted, ".docx"));
        File.WriteAllBytes(secret, DocxBuilder.Paragraphs(CompatibilityLines));
        LibreOffice.Convert([secret], dir,
            """pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}""");
        ConversionTime = watch.Elapsed;
        foreach (string name in sources.Keys.Append(Encrypted))
        {
            pdfs[name] = File.ReadAllBytes(Path.Combine(dir, Path.ChangeExtension(name, ".pdf")));
        }
    }

    /// <summary>A PDF that needs a password to open.</summary>
    public const string Encrypted = "encrypted.txt";

    /// <summary>A document written with Kangxi radicals (⽂ U+2F42, ⽣ U+2F63, ⾰ U+2FB0) and full-width digits and brackets, as some PDFs carry them.</summary>
    public const string CompatibilityCharacters = "compatibility.txt";

    public static readonly string[] CompatibilityLines = ["关于印发⽂件的通知", "（１）地区⽣产总值增长６％左右。", "责任单位：区发展和改⾰局"];

    /// <summary>How long the LibreOffice run took.</summary>
    public TimeSpan ConversionTime { get; }

    /// <summary>The PDF LibreOffice made from the seed's paragraph .docx.</summary>
    public byte[] Pdf(string seed) => pdfs[seed];

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the folder is in the temp directory.
        }
    }
}

/// <summary>The test classes that share the LibreOffice conversions.</summary>
[CollectionDefinition(Name)]
public sealed class PdfCollection : ICollectionFixture<PdfFixture>
{
    public const string Name = "LibreOffice PDFs";
}
