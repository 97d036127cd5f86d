namespace Luoshi.Core.Features.Circulars;

/// <summary>What a supervision order (督办单) asks of one unit.</summary>
/// <param name="Issuer">Who issues it, printed as the red mark and the signature, e.g. "江岸区人民政府督查室".</param>
/// <param name="OrderNumber">Its number, e.g. "岸政督〔2026〕5号"; none on a draft.</param>
/// <param name="Unit">The unit it is addressed to.</param>
/// <param name="Basis">Why, e.g. "江岸区2026年政府工作报告目标任务责任分解方案" (with or without 《》).</param>
/// <param name="Tasks">The matters to handle, one table row each.</param>
/// <param name="ReplyBy">The date the unit must answer by (反馈时限).</param>
/// <param name="Date">The date of the order.</param>
/// <param name="Contact">Contact person and telephone, optional.</param>
public sealed record SupervisionOrderFacts(
    string Issuer,
    string? OrderNumber,
    string Unit,
    string Basis,
    IReadOnlyList<SupervisedTask> Tasks,
    DateOnly ReplyBy,
    DateOnly Date,
    string? Contact);

/// <summary>One matter of a supervision order.</summary>
/// <param name="Matter">督办事项, e.g. "第88项：新增停车泊位1万个、充电桩5000个（进度滞后）".</param>
/// <param name="ResponsibleUnits">责任单位.</param>
/// <param name="Requirement">办理要求.</param>
public sealed record SupervisedTask(string Matter, string ResponsibleUnits, string Requirement);

/// <summary>
/// Drafts a supervision order (督办单): a short body, then a form (督办事项 · 责任单位 · 办理要求 · 反馈时限 · 督办单位 ·
/// 联系人及电话) that <see cref="ToDocument"/> adds after it.
/// </summary>
public static class SupervisionOrderComposer
{
    public const string Title = "督办单";

    /// <summary>The form's labels, in their order.</summary>
    public static readonly IReadOnlyList<string> Labels = ["督办事项", "责任单位", "办理要求", "反馈时限", "督办单位", "联系人及电话"];

    /// <summary>What the form's 联系人及电话 shows when the office has given none: lines to fill in by hand.</summary>
    public const string ContactBlanks = "联系人：＿＿＿＿＿＿＿＿　电话：＿＿＿＿＿＿＿＿";

    public static DraftText Compose(SupervisionOrderFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        string replyBy = GbFormat.ChineseDate(facts.ReplyBy);
        string issuer = CircularComposer.Clean(facts.Issuer);
        var lines = new List<string>
        {
            $"根据《{CircularComposer.Clean(facts.Basis).Trim('《', '》')}》要求，现将下表所列事项交你单位督办，请认真研究办理，并于{replyBy}前将办理情况书面反馈{issuer}。",
            string.Empty,
            "逾期未反馈或办理不到位的，将在季度通报中予以通报，并纳入年度绩效目标管理考核。",
        };
        return new DraftText(Title, string.Join('\n', lines) + "\n");
    }

    /// <summary>The form's rows: one matter as it is, several numbered one a line.</summary>
    public static IReadOnlyList<FormRow> Form(SupervisionOrderFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var tasks = facts.Tasks;
        string Lines(Func<SupervisedTask, string> of) => tasks.Count == 1
            ? CircularComposer.Clean(of(tasks[0]))
            : string.Join('\n', tasks.Select((t, i) => $"{i + 1}. {CircularComposer.Clean(of(t))}"));
        string units = string.Join("、", tasks.SelectMany(t => CircularComposer.Clean(t.ResponsibleUnits).Split('、'))
            .Where(u => u.Length > 0).Distinct(StringComparer.Ordinal));
        return
        [
            new(Labels[0], Lines(t => t.Matter)),
            new(Labels[1], units),
            new(Labels[2], Lines(t => t.Requirement)),
            new(Labels[3], GbFormat.ChineseDate(facts.ReplyBy) + "前"),
            new(Labels[4], CircularComposer.Clean(facts.Issuer)),
            new(Labels[5], string.IsNullOrWhiteSpace(facts.Contact) ? ContactBlanks : CircularComposer.Clean(facts.Contact)),
        ];
    }

    /// <summary>The order as an official document; <paramref name="draft"/> is the composed text, possibly edited by the office.</summary>
    public static OfficialDocument ToDocument(SupervisionOrderFacts facts, DraftText draft)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(draft);
        string issuer = facts.Issuer.Trim();
        return new OfficialDocument(
            IssuerMark: issuer,
            DocNumber: facts.OrderNumber,
            Title: draft.Title,
            Addressee: CircularComposer.Clean(facts.Unit) + "：",
            Body: draft.Body,
            Signatory: issuer,
            Date: facts.Date,
            CopyTo: null,
            PrintedBy: issuer,
            PrintedOn: facts.Date,
            Form: Form(facts));
    }
}
