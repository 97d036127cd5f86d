namespace Luoshi.Core.Features.Circulars;

/// <summary>
/// The content of an official document (公文) laid out per GB/T 9704-2012: a circular (通报), a supervision order (督办单).
/// Everything is plain text; <see cref="Body"/> is the editable text read by <see cref="OfficialDocumentText.Parse"/>.
/// </summary>
/// <param name="IssuerMark">发文机关标志, printed in red at the top, e.g. "江岸区人民政府办公室文件" or just the issuer's name.</param>
/// <param name="DocNumber">发文字号, e.g. "岸政办督〔2026〕3号"; none on a draft.</param>
/// <param name="Title">标题.</param>
/// <param name="Addressee">主送机关, e.g. "各街道办事处，区政府各部门：".</param>
/// <param name="Body">正文 as editable plain text.</param>
/// <param name="Signatory">发文机关署名.</param>
/// <param name="Date">成文日期.</param>
/// <param name="CopyTo">抄送机关 (版记), optional.</param>
/// <param name="PrintedBy">印发机关 (版记).</param>
/// <param name="PrintedOn">印发日期 (版记).</param>
/// <param name="Form">A form table after the body (a 督办单's 督办事项 · 责任单位 · … rows), or none.</param>
public sealed record OfficialDocument(
    string IssuerMark,
    string? DocNumber,
    string Title,
    string? Addressee,
    string Body,
    string Signatory,
    DateOnly Date,
    string? CopyTo,
    string PrintedBy,
    DateOnly PrintedOn,
    IReadOnlyList<FormRow>? Form = null);

/// <summary>
/// A row of a form table: a short label (one line, 黑体) and its value (仿宋; "\n" starts a new line; a run of "＿" is a
/// blank to fill in by hand, printed as an underlined space).
/// </summary>
public sealed record FormRow(string Label, string Value);

/// <summary>A block of the body: a heading, a paragraph or a table.</summary>
public abstract record DocBlock;

/// <summary>A first-level heading ("一、总体情况"), set in 黑体.</summary>
public sealed record Heading1Block(string Text) : DocBlock;

/// <summary>A second-level heading ("（一）压实工作责任。…"), set in 楷体.</summary>
public sealed record Heading2Block(string Text) : DocBlock;

/// <summary>A body paragraph, set in 仿宋 with a two-character first-line indent.</summary>
public sealed record ParagraphBlock(string Text) : DocBlock;

/// <summary>A table: a header row and body rows, every row padded to the same number of cells.</summary>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : DocBlock;

/// <summary>Composed draft text: a title and an editable body.</summary>
public sealed record DraftText(string Title, string Body);
