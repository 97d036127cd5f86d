using Luoshi.Core.Features.Forms;

namespace Luoshi.Core.Tests.Forms;

/// <summary>Rows taken from the seed notices' items, and where to leave sample workbooks for a person to open.</summary>
internal static class Samples
{
    public const string FireBrigade = "区消防救援局";
    public const string WaterBureau = "区水务和湖泊局";

    public static IReadOnlyList<WorkPlanRow> JianganRows() =>
    [
        new("39", "新建 1 座消防站。",
            [
                new(1, "完成消防站选址和用地预审", "3月底前"),
                new(2, "完成立项、设计和招标", "6月底前"),
                new(4, "主体完工并投入使用", "12月底前"),
            ],
            "张副区长", "防火监督科", FireBrigade, "12月底前"),
        new("40", "为辖区五类人员安装烟感报警器 500 个。",
            [new(null, "摸排五类人员底数，分批入户安装", "10月底前")],
            "张副区长", "社会消防工作科", FireBrigade, "10月底前"),
        new("38", "提升城区排渍能力，整治易渍水点位 27 处。",
            [
                new(2, "汛前完成 15 处易渍水点位整治", "5月底前"),
                new(3, "完成其余 12 处", "9月底前"),
            ],
            "李副区长", "排水科", WaterBureau, "9月底前"),
    ];

    public static IReadOnlyList<WorkPlanRow> HongshanRows() =>
    [
        new("28", "开展职工心理关爱活动 60 场次以上。",
            [
                new(1, "制定年度活动方案，开展 10 场", "3月底前"),
                new(2, "开展 20 场", null),
                new(null, "开展 15 场", "9月30日前"),
                new(3, "中期评估", "9月底前"),
                new(null, "开展 15 场并总结", "年底前"),
            ],
            "王副区长", null, "区总工会", "12月底前"),
        new("24", "开展群众性应急救援培训“五进”工作，普及宣传应急救援知识 3 万人次。",
            [new(1, "培训 0.5 万人次", null), new(2, "培训 1 万人次", null), new(3, "培训 0.8 万人次", null), new(4, "培训 0.7 万人次", null)],
            "王副区长", null, "区红十字会", "12月底前", "区红十字会（牵头）、区应急管理局"),
    ];

    /// <summary>artifacts/forms/ under the repository root (the folder with Luoshi.sln).</summary>
    public static string ArtifactsDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Luoshi.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Luoshi.sln not found"), "artifacts", "forms");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public static string RepoRoot => Path.GetFullPath(Path.Combine(ArtifactsDir, "..", ".."));

    public static void Save(string fileName, byte[] bytes) => File.WriteAllBytes(Path.Combine(ArtifactsDir, fileName), bytes);
}
