using Luoshi.Core.Features.Circulars;

namespace Luoshi.Core.Tests.Circulars;

/// <summary>Jiang'an's second quarter of 2026: parts and counts of its plan (6 + 131 + 6 + 41 items), two late units, two items behind.</summary>
internal static class CircularSamples
{
    public static CircularFacts JiangAnQ2(IReadOnlyList<LateUnit>? lateUnits = null, IReadOnlyList<BehindItem>? behind = null) => new(
        Supervisor: "区政府督查室",
        Year: 2026,
        PeriodName: "第二季度",
        AsOf: new DateOnly(2026, 7, 15),
        Deadline: new DateOnly(2026, 7, 10),
        PlanTitle: "《江岸区2026年政府工作报告目标任务责任分解方案》",
        Parts:
        [
            new("主要预期目标", 6, 1, 4, 1, 0),
            new("重点工作", 131, 12, 101, 10, 8),
            new("政府自身建设", 6, 0, 6, 0, 0),
            new("民生实事", 41, 5, 30, 4, 2),
        ],
        LateUnits: lateUnits ??
        [
            new("区发展和改革局", [new("12", "第二季度", null), new("88", "第二季度", new DateOnly(2026, 7, 13))]),
            new("二七街道办事处", [new("民生实事第22项", "第二季度", null)]),
        ],
        BehindItems: behind ??
        [
            new("重点工作", "88", "新增停车泊位1万个、充电桩5000个，推进老旧小区停车设施改造和智慧停车平台建设。", "区住房和城市更新局", 35, 50),
            new("主要预期目标", "（一）", "地区生产总值增长6%左右。", "区发展和改革局", 40, 50),
        ]);

    public static OfficialDocument Circular(CircularFacts facts, string? body = null)
    {
        var draft = CircularComposer.Compose(facts);
        return new OfficialDocument(
            IssuerMark: "江岸区人民政府办公室文件",
            DocNumber: "岸政办督〔2026〕3号",
            Title: draft.Title,
            Addressee: "各街道办事处，区政府各部门：",
            Body: body ?? draft.Body,
            Signatory: "江岸区人民政府办公室",
            Date: new DateOnly(2026, 7, 15),
            CopyTo: "区委办公室，区人大常委会办公室，区政协办公室",
            PrintedBy: "江岸区人民政府办公室",
            PrintedOn: new DateOnly(2026, 7, 15));
    }
}
