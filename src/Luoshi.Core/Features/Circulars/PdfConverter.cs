using System.ComponentModel;
using System.Diagnostics;

namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// Converts a .docx to PDF with LibreOffice in headless mode (Debian package libreoffice-writer-nogui). Each call works in
/// its own temporary directory with its own LibreOffice profile, so concurrent calls do not wait for or break each other;
/// a call that runs past the time limit is killed with its whole process tree. Temporary files are removed.
/// </summary>
public sealed class PdfConverter
{
    public const string NotInstalledMessage = "服务器未安装 LibreOffice，无法生成 PDF；可下载 Word 版本。";

    private static readonly string[] ExecutableNames = ["soffice", "libreoffice"];

    /// <summary>
    /// The open faces that stand in for the standard's fonts when these are not installed, per role (all SIL OFL 1.1,
    /// installed by scripts/setup-test-deps.sh from Debian's fonts-noto-cjk and fonts-lxgw-wenkai): 小标宋 → Noto Serif
    /// CJK SC Bold, 仿宋 and 宋体 → Noto Serif CJK SC (no open simplified-Chinese 仿宋 face is packaged), 楷体 → LXGW WenKai
    /// (霞鹜文楷), 黑体 → Noto Sans CJK SC. Later names are fallbacks for servers that have other CJK packages.
    /// </summary>
    internal static readonly (string[] Names, string[] Fallbacks, bool Bold)[] FontFallbacks =
    [
        (["方正小标宋简体", "方正小标宋_GBK", "华文中宋"], ["Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"], true),
        (["仿宋_GB2312", "仿宋", "FangSong", "宋体", "SimSun"], ["Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"], false),
        (["楷体_GB2312", "楷体", "KaiTi"], ["LXGW WenKai", "AR PL UKai CN", "Noto Serif CJK SC"], false),
        (["黑体", "SimHei"], ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"], false),
    ];

    private readonly TimeSpan _timeout;
    private readonly string? _searchPath;

    /// <param name="timeout">The longest one conversion may take; 120 seconds when not given.</param>
    /// <param name="searchPath">Directories to look for soffice in, separated like PATH; the process's PATH and Debian's
    /// install directories when not given.</param>
    public PdfConverter(TimeSpan? timeout = null, string? searchPath = null)
    {
        _timeout = timeout ?? TimeSpan.FromSeconds(120);
        _searchPath = searchPath;
    }

    /// <summary>Where soffice (or libreoffice) is found on the search path, or null.</summary>
    public string? FindExecutable()
    {
        // A service's PATH is often minimal: where Debian installs LibreOffice is looked at too, unless a path was given.
        var dirs = (_searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(_searchPath is null ? ["/usr/bin", "/usr/lib/libreoffice/program"] : []);
        foreach (string name in ExecutableNames)
        {
            foreach (string dir in dirs)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public async Task<Outcome<byte[]>> ConvertDocxToPdfAsync(byte[] docx, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docx);
        string? soffice = FindExecutable();
        if (soffice is null)
        {
            return new Failure(FailureKind.NotAllowed, NotInstalledMessage);
        }

        string work = Path.Combine(Path.GetTempPath(), "luoshi-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string input = Path.Combine(work, "document.docx");
            await File.WriteAllBytesAsync(input, docx, cancellationToken).ConfigureAwait(false);
            var result = await RunAsync(soffice, work, input, cancellationToken).ConfigureAwait(false);
            if (result is { } failure)
            {
                return failure;
            }

            string output = Path.Combine(work, "document.pdf");
            if (!File.Exists(output) || new FileInfo(output).Length == 0)
            {
                return new Failure(FailureKind.NotAllowed, "LibreOffice 未能生成 PDF；可下载 Word 版本。");
            }

            return await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteQuietly(work);
        }
    }

    private async Task<Failure?> RunAsync(string soffice, string work, string input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(soffice)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        // Its own profile: LibreOffice lets one process own a profile, so a shared one would make concurrent calls clash.
        start.ArgumentList.Add("-env:UserInstallation=" + new Uri(Path.Combine(work, "profile")).AbsoluteUri);
        foreach (string arg in new[] { "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, input })
        {
            start.ArgumentList.Add(arg);
        }

        // HOME inside the work directory keeps LibreOffice from writing to the service account's home.
        start.Environment["HOME"] = work;
        start.Environment["FONTCONFIG_FILE"] = WriteFontFallbacks(work);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return new Failure(FailureKind.NotAllowed, NotInstalledMessage);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new Failure(FailureKind.NotAllowed, string.Create(CultureInfo.InvariantCulture,
                $"生成 PDF 超时（超过 {_timeout.TotalSeconds:0} 秒），已中止；可下载 Word 版本。"));
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            string detail = (await stderr.ConfigureAwait(false)).Trim();
            return new Failure(FailureKind.NotAllowed, string.Create(CultureInfo.InvariantCulture,
                $"LibreOffice 转换失败（退出码 {process.ExitCode}）：{Shorten(detail)}；可下载 Word 版本。"));
        }

        return null;
    }

    // Official documents name Windows fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) that a Linux server rarely has;
    // fontconfig would then pick one CJK sans font for all. These aliases come after the named font (an installed
    // 仿宋_GB2312 still wins) and keep serif faces serif and 黑体 sans, with whatever CJK fonts the server has.
    private static string WriteFontFallbacks(string work)
    {
        string system = Environment.GetEnvironmentVariable("FONTCONFIG_FILE") is { Length: > 0 } own ? own : "/etc/fonts/fonts.conf";
        var conf = new System.Text.StringBuilder()
            .Append("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n")
            .Append("  <include ignore_missing=\"yes\">").Append(System.Security.SecurityElement.Escape(system)).Append("</include>\n");
        foreach (var (names, fallbacks, bold) in FontFallbacks)
        {
            foreach (string name in names)
            {
                conf.Append("  <alias binding=\"strong\"><family>").Append(name).Append("</family><accept>");
                foreach (string fallback in fallbacks)
                {
                    conf.Append("<family>").Append(fallback).Append("</family>");
                }

                conf.Append("</accept></alias>\n");
                if (bold)
                {
                    // 小标宋 is a heavy 宋: the bold face of the serif stand-in, unless the font itself is installed.
                    conf.Append("  <match target=\"pattern\"><test name=\"family\" qual=\"first\"><string>").Append(name)
                        .Append("</string></test><test name=\"weight\" compare=\"less\"><const>bold</const></test>")
                        .Append("<edit name=\"weight\" mode=\"assign\"><const>bold</const></edit></match>\n");
                }
            }
        }

        string path = Path.Combine(work, "fonts.conf");
        File.WriteAllText(path, conf.Append("</fontconfig>\n").ToString());
        return path;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended on its own between the timeout and the kill.
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process killed a moment ago may still hold a file; the system's temp cleaning takes what is left.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
