namespace Luoshi.Parsing.Tests;

/// <summary>
/// What the reader must say about each corpus notice beyond its golden file: the key diagnostics,
/// the lead convention, and no warning it has no reason for.
/// </summary>
public class CorpusDiagnosticsTests
{
    [Theory]
    [InlineData("county_square_brackets", LeadRule.Unstated, "", "square brackets read like round ones: nothing to warn about")]
    [InlineData("city_leaders_deadlines", LeadRule.Unstated, "", "separate label lines, one per role, are a clean layout")]
    [InlineData("district_markdown_table", LeadRule.Unstated, "table-read", "the reader says it read a table by its header")]
    [InlineData("tab_separated_rows", LeadRule.Unstated, "table-read", "a pasted Word table is read by its header row")]
    [InlineData("flattened_cells", LeadRule.Unstated, "table-flattened", "cells one per line are regrouped into rows, and said so")]
    [InlineData("leader_parts", LeadRule.Unstated, "", "parts named after leaders are parts, not a problem")]
    [InlineData("unlabelled_clauses", LeadRule.Unstated, "unlabelled-clause", "units without labels are read and flagged")]
    [InlineData("first_listed_convention", LeadRule.FirstListedLeads, "", "“列第一位者为牵头单位” is the first-listed convention; （1） restarting per group is no gap")]
    [InlineData("fullwidth_numbers_angle_brackets", LeadRule.Unstated, "", "full-width １． and 1﹒ are ordinary item numbers")]
    [InlineData("running_numbering", LeadRule.Unstated, "", "numbers running across groups and parts are not gaps")]
    [InlineData("truncated_mid_item", LeadRule.Unstated, "text-cut-off,item-without-units", "a text that stops inside an item is reported as cut off")]
    [InlineData("no_plan_attached", LeadRule.Unstated, "no-plan", "a notice published without its plan says so and invents nothing")]
    [InlineData("ordinal_parts_lead_markers", LeadRule.Unstated, "lead-marked-in-list,units-space-separated", "“（牵头）” markers and space-separated units are read and flagged")]
    [InlineData("stop_label_lines", LeadRule.Unstated, "layout", "label lines ending with 。 and 等。 are clean")]
    [InlineData("stop_in_brackets", LeadRule.Unstated, "", "a stop inside the bracket is no problem")]
    [InlineData("convention_in_first_list", LeadRule.FirstListedLeads, "lead-rule", "the convention in item 1's list is the document's rule")]
    [InlineData("convention_covering_notice", LeadRule.FirstListedLeads, "lead-rule", "排名第一的为牵头单位 in the covering notice")]
    [InlineData("convention_footnote", LeadRule.FirstListedLeads, "lead-rule", "排在首位的为牵头单位 in a footnote")]
    [InlineData("convention_responsible_lead", LeadRule.ResponsibleUnitsLead, "lead-rule", "未明确牵头单位的，责任单位均为牵头单位")]
    [InlineData("convention_before_list", LeadRule.FirstListedLeads, "lead-rule", "the convention opens the list")]
    [InlineData("paren_units_responsible", LeadRule.Unstated, "unlabelled-clause", "（…负责） read without labels, and said so")]
    [InlineData("paren_lead_and_co", LeadRule.Unstated, "unlabelled-clause", "（…牵头，…配合） read without labels, and said so")]
    [InlineData("division_sentence", LeadRule.Unstated, "layout", "部门分工 lines are a known layout")]
    [InlineData("division_inline", LeadRule.Unstated, "layout", "责任分工 at the end of the line")]
    [InlineData("leader_province", LeadRule.Unstated, "layout", "分管省领导 names people, not units")]
    [InlineData("leader_block", LeadRule.Unstated, "layout", "four label lines per item")]
    [InlineData("collective_levels", LeadRule.Unstated, "", "各县、市、区人民政府 is one collective")]
    [InlineData("collective_townships", LeadRule.Unstated, "", "各乡、镇、场 is one collective")]
    [InlineData("table_pipe_eight_columns", LeadRule.Unstated, "table-read,table-column-ignored", "the table is read by its header; 目标类型 and 任务来源 are not read")]
    [InlineData("table_tab_milestones", LeadRule.Unstated, "table-read", "milestones stay in the cell")]
    [InlineData("table_flat_spaced_headers", LeadRule.Unstated, "table-flattened,table-cell-milestones", "spaced headers; milestone lines joined into their cell")]
    [InlineData("table_pipe_target_types", LeadRule.Unstated, "table-read,table-column-ignored", "类别 is a known column not read")]
    [InlineData("leader_parts_mayor", LeadRule.Unstated, "", "parts named after leaders")]
    [InlineData("numbering_small_stop", LeadRule.Unstated, "", "1﹒ numbers are ordinary")]
    [InlineData("chinese_numbered_tasks", LeadRule.Unstated, "items-numbered-as-parts", "一、…十一、 are the tasks")]
    [InlineData("numbered_through_groups", LeadRule.Unstated, "", "numbers running through groups are no gap")]
    [InlineData("block_labels_semicolon_deadline", LeadRule.Unstated, "", "label lines in another order")]
    [InlineData("cut_inside_table", LeadRule.Unstated, "text-cut-off,table-row-shape", "the copy stops inside row 3, and it says where")]
    [InlineData("cut_after_part_heading", LeadRule.Unstated, "text-cut-off,empty-part", "the copy stops after a part heading, and it says where")]
    [InlineData("covering_only_web", LeadRule.Unstated, "no-plan", "the covering notice without its plan says so and invents nothing")]
    public void Corpus_Parsed_SaysWhatItShould(string name, LeadRule rule, string codes, string reason)
    {
        var notice = NoticeParser.Parse(File.ReadAllText(Path.Combine(TestPaths.CorpusDir, name + ".txt")));
        var expected = codes.Split(',', StringSplitOptions.RemoveEmptyEntries);

        notice.Document.LeadRule.ShouldBe(rule, reason);
        foreach (string code in expected)
        {
            notice.Diagnostics.ShouldContain(d => d.Code == code, $"{name} should report {code}: {reason}");
        }

        var unexpected = notice.Diagnostics
            .Where(d => d.Severity != Severity.Info && !expected.Contains(d.Code))
            .Select(d => $"{d.Line}: {d.Code} {d.Message}")
            .ToList();
        unexpected.ShouldBeEmpty($"{name}: {reason}");
    }

    [Fact]
    public void NoPlanNotice_Parsed_HasHeaderButNoPartsOrItems()
    {
        var notice = NoticeParser.Parse(File.ReadAllText(Path.Combine(TestPaths.CorpusDir, "no_plan_attached.txt")));

        notice.Items.ShouldBeEmpty();
        notice.Parts.ShouldBeEmpty();
        notice.Document.DocNumber.ShouldBe("白政办〔2026〕2号");
        notice.Diagnostics.Single(d => d.Code == "no-plan").Severity.ShouldBe(Severity.Error);
    }

    [Fact]
    public void TruncatedNotice_Parsed_KeepsWhatCanBeReadAndPointsAtTheCut()
    {
        var notice = NoticeParser.Parse(File.ReadAllText(Path.Combine(TestPaths.CorpusDir, "truncated_mid_item.txt")));

        notice.Items.Count.ShouldBe(9);
        notice.Items.Take(8).ShouldAllBe(i => i.Lead.Count > 0);
        notice.Diagnostics.Single(d => d.Code == "text-cut-off").Line.ShouldBe(notice.Items[^1].FirstLine);
    }

    [Fact]
    public void CityNotice_Parsed_ReadsLeadersAndDeadlines()
    {
        var notice = NoticeParser.Parse(File.ReadAllText(Path.Combine(TestPaths.CorpusDir, "city_leaders_deadlines.txt")));

        var item4 = notice.Items.Single(i => i.Number == "4");
        item4.Leaders.ShouldBe(["王志刚", "陈立新"]);
        item4.Deadline.ShouldBe("2026年11月底");
    }

    [Fact]
    public void LeaderParts_Parsed_PartsCarryTheirLeader()
    {
        var notice = NoticeParser.Parse(File.ReadAllText(Path.Combine(TestPaths.CorpusDir, "leader_parts.txt")));

        notice.Parts.Select(p => p.Leader).ShouldBe(["张建国", "李慧敏", "王磊"]);
        notice.Parts.Select(p => p.DeclaredCount).ShouldBe([4, 3, 3]);
    }
}
