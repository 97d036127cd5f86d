using System.Text;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Forms;

namespace Luoshi.Core.Tests.Accounts;

public class RosterFileTests
{
    [Fact]
    public void Csv_Utf8WithBom_QuotedCommas_AnyColumnOrder()
    {
        string csv = "\uFEFF姓名,用户名,角色,单位,邮箱,手机\r\n\"张三, 副科长\",a.clerk,填报人,区发改局,a@example.gov.cn,13800000000\r\n\r\n李四,b.head,单位负责人,区教育局,,\r\n";
        var rows = RosterFile.Read("名单.csv", Encoding.UTF8.GetBytes(csv));
        rows.Ok.ShouldBeTrue(rows.Failure?.Message);
        rows.Value!.Select(r => (r.Row, r.DisplayName, r.UserName, r.Unit, r.Phone)).ShouldBe(
        [
            (2, "张三, 副科长", "a.clerk", "区发改局", "13800000000"),
            (4, "李四", "b.head", "区教育局", null),
        ]);
    }

    [Fact]
    public void Csv_InGb18030_AsExcelSavesIt_IsRead()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] bytes = Encoding.GetEncoding("GB18030").GetBytes("单位,姓名,用户名,角色\n区发改局,王五,c.clerk,填报人\n");
        var rows = RosterFile.Read("x.csv", bytes);
        rows.Ok.ShouldBeTrue(rows.Failure?.Message);
        rows.Value!.Single().DisplayName.ShouldBe("王五");
    }

    [Fact]
    public void Xlsx_IsRead_WithRowNumbers()
    {
        var sheet = new SheetModel("名单", [20, 10, 20, 10, 14, 24]);
        string[] header = ["单位", "姓名", "用户名", "角色", "手机", "邮箱"];
        for (int c = 0; c < header.Length; c++)
        {
            sheet.Text(1, c + 1, header[c], CellLook.Text);
        }

        sheet.Text(2, 1, "区发改局", CellLook.Text);
        sheet.Text(2, 2, "张三", CellLook.Text);
        sheet.Text(2, 3, "a.clerk", CellLook.Text);
        sheet.Text(2, 4, "填报人", CellLook.Text);
        sheet.Number(2, 5, 13800000000m, CellLook.Integer);
        var rows = RosterFile.Read("名单.xlsx", XlsxWriter.Write([sheet], "名单"));
        rows.Ok.ShouldBeTrue(rows.Failure?.Message);
        rows.Value!.Single().ShouldBe(new RosterEntry(2, "区发改局", "张三", "a.clerk", "填报人", "13800000000", null));
    }

    [Fact]
    public void MissingColumns_AreNamed()
    {
        var rows = RosterFile.Read("x.csv", Encoding.UTF8.GetBytes("单位,姓名\n区发改局,张三\n"));
        rows.Ok.ShouldBeFalse();
        rows.Failure!.Message.ShouldContain("用户名、角色");
    }

    [Theory]
    [InlineData("x.docx")]
    [InlineData("x.txt")]
    public void OtherFormats_AreRefused(string name) =>
        RosterFile.Read(name, Encoding.UTF8.GetBytes("单位,姓名,用户名,角色\n")).Ok.ShouldBeFalse();

    [Fact]
    public void DamagedXlsx_IsRefusedWithAMessage()
    {
        var rows = RosterFile.Read("x.xlsx", [(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2]);
        rows.Ok.ShouldBeFalse();
        rows.Failure!.Message.ShouldContain("无法读取");
    }

    [Theory]
    [InlineData("填报人", AppRole.Clerk)]
    [InlineData("单位负责人", AppRole.UnitHead)]
    [InlineData("分管领导", AppRole.Leader)]
    [InlineData("督查室", AppRole.Office)]
    [InlineData("市级查看", AppRole.CityViewer)]
    public void RoleNames_RoundTrip(string name, AppRole role)
    {
        RoleNames.Parse(name).ShouldBe(role);
        RoleNames.Of(role).ShouldBe(name);
    }

    [Fact]
    public void AdminRole_CannotBeNamedInARoster() => RoleNames.Parse("系统管理员").ShouldBeNull();
}
