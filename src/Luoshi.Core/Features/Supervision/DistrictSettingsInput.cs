namespace Luoshi.Core.Features.Supervision;

/// <summary>A district's settings as the office types them (strings, so that a bad value is refused with a message, not lost); checked and copied by <see cref="ApplyTo"/>.</summary>
public sealed record DistrictSettingsInput
{
    public string? AmberPoints { get; set; }

    public string? RedPoints { get; set; }

    /// <summary>notice (as the notice says), yes, no.</summary>
    public string? CoUnits { get; set; }

    public string? FormStyle { get; set; }

    public string? RemindDaysBefore { get; set; }

    public string? RepeatEveryDaysAfter { get; set; }

    public string? EscalateToHeadAfterDays { get; set; }

    public string? EscalateToLeaderAfterDays { get; set; }

    public string? MaxNudgesPerPersonPerWeek { get; set; }

    public string? WebhookUrl { get; set; }

    public string? WebhookFormat { get; set; }

    public string? CircularIssuer { get; set; }

    public string? CircularPrefix { get; set; }

    /// <summary>Plain (普通) or File (文件式); empty: Plain.</summary>
    public string? CircularForm { get; set; }

    public int Version { get; set; }

    public static DistrictSettingsInput From(DistrictSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new DistrictSettingsInput
        {
            AmberPoints = N(s.AmberPoints),
            RedPoints = N(s.RedPoints),
            CoUnits = s.CoUnitsReportToLead switch { null => "notice", true => "yes", false => "no" },
            FormStyle = s.FormStyle.ToString(),
            RemindDaysBefore = string.Join(",", s.DaysBefore().OrderDescending().Select(N)),
            RepeatEveryDaysAfter = N(s.RepeatEveryDaysAfter),
            EscalateToHeadAfterDays = N(s.EscalateToHeadAfterDays),
            EscalateToLeaderAfterDays = N(s.EscalateToLeaderAfterDays),
            MaxNudgesPerPersonPerWeek = N(s.MaxNudgesPerPersonPerWeek),
            WebhookUrl = s.WebhookUrl,
            WebhookFormat = s.WebhookFormat,
            CircularIssuer = s.CircularIssuer,
            CircularPrefix = s.CircularPrefix,
            CircularForm = s.CircularForm.ToString(),
            Version = s.Version,
        };
    }

    /// <summary>Checks every field and copies it onto <paramref name="target"/>; the first problem found, in Chinese, or null.</summary>
    public Failure? ApplyTo(DistrictSettings target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var problems = new List<string>();
        int Int(string? text, string label, int min, int max)
        {
            if (!int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            {
                problems.Add($"“{label}”应为 {N(min)} 到 {N(max)} 之间的整数。");
                return min;
            }

            return v;
        }

        int amber = Int(AmberPoints, "黄色预警（落后百分点）", 1, 100);
        int red = Int(RedPoints, "红色预警（落后百分点）", 1, 100);
        if (problems.Count == 0 && amber >= red)
        {
            problems.Add($"黄色预警的百分点（{N(amber)}）必须小于红色预警的百分点（{N(red)}）。");
        }

        bool? coUnits = CoUnits switch
        {
            "notice" or null or "" => null,
            "yes" => true,
            "no" => false,
            _ => Problem<bool?>(problems, "“配合单位报送方式”的取值无效。"),
        };
        var style = Enum.TryParse<Supervision.FormStyle>(FormStyle, out var fs) && Enum.IsDefined(fs) ? fs : Problem<Supervision.FormStyle>(problems, "“表格样式”的取值无效。");

        var days = new List<int>();
        foreach (var part in (RemindDaysBefore ?? "").Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int d) || d < 0 || d > 30)
            {
                problems.Add("“到期前提醒天数”应为 0 到 30 的整数，用逗号分隔，如 3,1。");
                break;
            }

            days.Add(d);
        }

        int repeat = Int(RepeatEveryDaysAfter, "逾期后每隔几天重复提醒", 0, 30);
        int head = Int(EscalateToHeadAfterDays, "逾期几天后提醒单位主要负责人", 0, 60);
        int leader = Int(EscalateToLeaderAfterDays, "逾期几天后提醒分管区领导", 0, 90);
        int cap = Int(MaxNudgesPerPersonPerWeek, "每人每周最多提醒次数", 0, 21);

        string? url = string.IsNullOrWhiteSpace(WebhookUrl) ? null : WebhookUrl.Trim();
        if (url is not null && (url.Length > 1024 ? "消息推送地址应为以 http:// 或 https:// 开头的完整网址。"
                : OutboundAddress.Check(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)) is { } badUrl)
        {
            problems.Add(badUrl);
        }

        var format = Enum.TryParse<WebhookFormat>(WebhookFormat, out var wf) && Enum.IsDefined(wf) ? wf : Problem<WebhookFormat>(problems, "“消息推送格式”的取值无效。");
        string? issuer = string.IsNullOrWhiteSpace(CircularIssuer) ? null : CircularIssuer.Trim();
        string? prefix = string.IsNullOrWhiteSpace(CircularPrefix) ? null : CircularPrefix.Trim();
        var form = string.IsNullOrWhiteSpace(CircularForm) ? Supervision.CircularForm.Plain
            : Enum.TryParse<Supervision.CircularForm>(CircularForm, out var cf) && Enum.IsDefined(cf) ? cf : Problem<Supervision.CircularForm>(problems, "“发文形式”的取值无效。");
        if (issuer?.Length > 128)
        {
            problems.Add("发文机关不能超过 128 个字。");
        }

        if (prefix?.Length > 64)
        {
            problems.Add("发文字号前缀不能超过 64 个字。");
        }

        if (problems.Count > 0)
        {
            return new Failure(FailureKind.Invalid, string.Join(" ", problems));
        }

        target.AmberPoints = amber;
        target.RedPoints = red;
        target.CoUnitsReportToLead = coUnits;
        target.FormStyle = style;
        target.RemindDaysBefore = string.Join(",", days.Distinct().OrderDescending().Select(N));
        target.RepeatEveryDaysAfter = repeat;
        target.EscalateToHeadAfterDays = head;
        target.EscalateToLeaderAfterDays = leader;
        target.MaxNudgesPerPersonPerWeek = cap;
        target.WebhookUrl = url;
        target.WebhookFormat = format.ToString();
        target.CircularIssuer = issuer;
        target.CircularPrefix = prefix;
        target.CircularForm = form;
        return null;
    }

    private static T Problem<T>(List<string> problems, string message)
    {
        problems.Add(message);
        return default!;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
