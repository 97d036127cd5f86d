namespace Luoshi.Core.Features.Notifications;

/// <summary>The Chinese subject and body of a reminder. Plain text: it goes to mail and to chat messengers alike.</summary>
internal static class ReminderText
{
    public static string Subject(IReadOnlyList<ReminderLine> lines)
    {
        var units = lines.Select(l => l.Obligation.UnitName).Distinct(StringComparer.Ordinal).ToList();
        var who = units.Count == 1 ? units[0] : Invariant($"{units[0]}等{units.Count}个单位");
        var overdue = lines.Count(l => l.Kind == ReminderKind.Overdue);

        if (overdue == 0)
        {
            return lines.Count == 1
                ? Invariant($"【到期提醒】{who}“{Title(lines[0].Obligation)}”将于{Date(lines[0].Obligation.Due)}到期")
                : Invariant($"【到期提醒】{who}有{lines.Count}项事项即将到期");
        }

        if (overdue == lines.Count)
        {
            return lines.Count == 1
                ? Invariant($"【逾期催办】{who}“{Title(lines[0].Obligation)}”已逾期{lines[0].DaysLate}天")
                : Invariant($"【逾期催办】{who}有{lines.Count}项事项逾期未报送");
        }

        return Invariant($"【逾期催办】{who}有{lines.Count}项事项待报送，其中{overdue}项已逾期");
    }

    public static string Body(Person person, ReminderLevel level, IReadOnlyList<ReminderLine> lines)
    {
        var sb = new StringBuilder();
        sb.Append(person.Name).Append("：\n\n");

        var overdue = lines.Count(l => l.Kind == ReminderKind.Overdue);
        sb.Append(overdue == 0
            ? "以下事项即将到期，目前尚未报送，请按时办理："
            : overdue == lines.Count
                ? "以下事项已逾期，目前尚未报送，请尽快办理："
                : "以下事项已逾期或即将到期，目前尚未报送，请尽快办理：");
        sb.Append("\n\n");

        var n = 0;
        foreach (var unit in lines.GroupBy(l => (l.Obligation.UnitId, l.Obligation.UnitName)))
        {
            var role = unit.Max(l => l.Level) switch
            {
                ReminderLevel.Clerk => "",
                ReminderLevel.Head => "（您为该单位主要负责人）",
                ReminderLevel.Leader => "（您为该单位分管领导）",
            };
            sb.Append('【').Append(unit.Key.UnitName).Append('】').Append(role).Append('\n');
            foreach (var line in unit)
            {
                n++;
                sb.Append(Invariant($"{n}. {Title(line.Obligation)}（截止日期：{Date(line.Obligation.Due)}，{State(line)}）\n"));
            }

            sb.Append('\n');
        }

        sb.Append(level switch
        {
            ReminderLevel.Clerk => "请登录系统填报；如已报送，请忽略本提醒。",
            ReminderLevel.Head => "上述事项已逾期，经办人员已收到提醒，请督促尽快报送。",
            ReminderLevel.Leader => "上述事项已逾期较长时间，请督促相关单位尽快报送。",
        });
        sb.Append("\n\n（本消息由督查督办系统自动发送，请勿直接回复。）\n");
        return sb.ToString();
    }

    private static string Title(Obligation o) =>
        string.IsNullOrWhiteSpace(o.ItemRef) ? o.What : Invariant($"{o.ItemRef} {o.What}");

    private static string State(ReminderLine line) => line.DaysLeft switch
    {
        < 0 => Invariant($"已逾期{-line.DaysLeft}天"),
        0 => "今天到期",
        _ => Invariant($"还有{line.DaysLeft}天到期"),
    };

    internal static string Date(DateOnly d) => Luoshi.Parsing.Calendar.ChineseDates.Day(d);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
