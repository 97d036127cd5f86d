namespace Luoshi.Parsing;

/// <summary>The result of reading one notice: what could be read, and what the reader noticed on the way.</summary>
/// <param name="Document">The notice's header: issuer, document number, title, signing date.</param>
/// <param name="Parts">The plan's parts (一、二、…) in order.</param>
/// <param name="Items">Every numbered task of the plan, in document order.</param>
/// <param name="Definitions">Names the notice defines in place ("（含…，下同）", "〈以下简称“…”〉").</param>
/// <param name="Diagnostics">Every place the reader repaired something or was unsure.</param>
public sealed record ParsedNotice(
    NoticeDocument Document,
    IReadOnlyList<NoticePart> Parts,
    IReadOnlyList<NoticeItem> Items,
    IReadOnlyList<InPlaceDefinition> Definitions,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>The notice's header.</summary>
/// <param name="Issuer">The issuing office as printed in full, e.g. 武汉市江岸区人民政府办公室.</param>
/// <param name="DocNumber">The document number, e.g. 岸政办〔2026〕1号.</param>
/// <param name="Title">The notice's title, layout damage repaired.</param>
/// <param name="SignedOn">The signing date where legible.</param>
/// <param name="LeadRule">The convention the notice states for items that name no lead unit.</param>
/// <param name="Year">The year the plan is for: the year in the document number (〔2026〕), else the signing year; null when neither is legible.</param>
/// <param name="LeadRuleAt">1-based source line where the lead convention is stated (covering notice, footnote or a unit list); 0 when unstated.</param>
/// <param name="LeadRuleText">The convention's wording as printed ("列第一位者为牵头单位"); null when unstated.</param>
public sealed record NoticeDocument(
    string? Issuer,
    string? DocNumber,
    string? Title,
    DateOnly? SignedOn,
    LeadRule LeadRule,
    int? Year,
    int LeadRuleAt = 0,
    string? LeadRuleText = null);

/// <summary>What a notice says about items that name no lead unit.</summary>
public enum LeadRule
{
    /// <summary>The notice states no convention.</summary>
    Unstated,

    /// <summary>"无牵头单位的，责任单位即为牵头单位": the responsible units lead.</summary>
    ResponsibleUnitsLead,

    /// <summary>"列第一位者为牵头单位": the first unit listed leads.</summary>
    FirstListedLeads,
}

/// <summary>The kind of a part of the plan.</summary>
public enum PartKind
{
    /// <summary>主要预期目标: the headline targets.</summary>
    Targets,

    /// <summary>重点工作: key work.</summary>
    KeyWork,

    /// <summary>政府自身建设: the government's own conduct.</summary>
    SelfBuilding,

    /// <summary>民生实事: livelihood projects.</summary>
    Livelihood,

    /// <summary>A part that fits none of the above, or the implicit part of a plan without part headings.</summary>
    Other,
}

/// <summary>A part of the plan (一、…).</summary>
/// <param name="Index">1-based position among the parts.</param>
/// <param name="Kind">What the part holds, read from its title.</param>
/// <param name="Title">The heading as printed, layout damage repaired; empty for an implicit part.</param>
/// <param name="DeclaredCount">The count the heading declares ("（共 131 项）"), if any.</param>
/// <param name="Line">1-based source line of the heading; 0 for an implicit part.</param>
/// <param name="Leader">A person the part is named after ("王某某副区长分管"), if any.</param>
public sealed record NoticePart(int Index, PartKind Kind, string Title, int? DeclaredCount, int Line, string? Leader = null);

/// <summary>One numbered task (责任事项) of the plan.</summary>
/// <param name="Part">1-based index of the part it sits in.</param>
/// <param name="PartKind">The kind of that part.</param>
/// <param name="Number">The numbering token as printed without its separator: "7", "（一）".</param>
/// <param name="Ordinal">The number's value (7 for "7", 1 for "（一）").</param>
/// <param name="Group">The group heading the item sits under, e.g. "（一）凝心聚力打好产业转型突围战".</param>
/// <param name="Theme">The "——" theme the item sits under, without the dashes.</param>
/// <param name="Text">The item's text as written, layout damage repaired, without its unit clause.</param>
/// <param name="Lead">Lead units (牵头单位) as printed.</param>
/// <param name="Responsible">Responsible and co-operating units (责任单位, 配合单位 …) as printed.</param>
/// <param name="Leaders">People named for the item (分管领导, 牵头负责领导 …).</param>
/// <param name="Deadline">The completion deadline as printed (完成时限), if the item gives one.</param>
/// <param name="FirstLine">1-based source line where the item's number stands.</param>
/// <param name="LastLine">1-based last source line that belongs to the item.</param>
public sealed record NoticeItem(
    int Part,
    PartKind PartKind,
    string Number,
    int Ordinal,
    string? Group,
    string? Theme,
    string Text,
    IReadOnlyList<UnitMention> Lead,
    IReadOnlyList<UnitMention> Responsible,
    IReadOnlyList<string> Leaders,
    string? Deadline,
    int FirstLine,
    int LastLine);

/// <summary>One unit as an item names it.</summary>
/// <param name="Printed">The piece of text as printed ("珞南", "各街乡(含洪山经济开发区管委会, 下同)").</param>
/// <param name="Name">The unit as a reader names it: shared suffix distributed, trailing 等 and in-place definitions removed ("珞南街道", "各街乡").</param>
/// <param name="Label">The clause label it was listed under ("牵头单位", "配合单位"), or empty for an unlabelled clause.</param>
public sealed record UnitMention(string Printed, string Name, string Label);

/// <summary>The kind of an in-place definition.</summary>
public enum DefinitionKind
{
    /// <summary>"各街乡（含洪山经济开发区管委会，下同）": a collective name includes further units from here on.</summary>
    Includes,

    /// <summary>"武汉航空新材料产业发展研究院〈以下简称“武航院”〉": a short name for a unit from here on.</summary>
    ShortName,
}

/// <summary>A name the notice defines where it stands, for the rest of the document.</summary>
/// <param name="Kind">What the definition does.</param>
/// <param name="Name">The collective name (Includes) or the full name (ShortName).</param>
/// <param name="Values">The included units (Includes) or the short name (ShortName).</param>
/// <param name="Line">1-based source line.</param>
public sealed record InPlaceDefinition(DefinitionKind Kind, string Name, IReadOnlyList<string> Values, int Line);

/// <summary>How serious a diagnostic is.</summary>
public enum Severity
{
    /// <summary>The reader repaired something and is confident.</summary>
    Info,

    /// <summary>The reader is unsure; a person should look.</summary>
    Warning,

    /// <summary>Something could not be read.</summary>
    Error,
}

/// <summary>A place where the reader repaired something or was unsure.</summary>
/// <param name="Line">1-based source line (0 for the whole document).</param>
/// <param name="Column">1-based column in the source line, 0 when not known.</param>
/// <param name="Severity">How serious.</param>
/// <param name="Code">A stable kebab-case code, e.g. "unclosed-bracket".</param>
/// <param name="Message">Plain words, in Chinese, for the office staff.</param>
public sealed record Diagnostic(int Line, int Column, Severity Severity, string Code, string Message);
