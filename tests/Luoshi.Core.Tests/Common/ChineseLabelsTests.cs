using System.Reflection;
using Luoshi.Core.Features.Audit;
using Luoshi.Parsing.Calendar;

namespace Luoshi.Core.Tests.Common;

/// <summary>Issue 13.3: every stored action has a Chinese name, and dates in sentences read 2026年4月10日.</summary>
public sealed class ChineseLabelsTests
{
    [Fact]
    public void EveryAuditAction_HasAChineseName()
    {
        var actions = typeof(AuditActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        actions.Count.ShouldBeGreaterThan(40);
        actions.ShouldContain("create-account");
        foreach (string action in actions)
        {
            AuditActions.NameOf(action).ShouldNotBe(action, "no Chinese name for " + action);
            AuditActions.NameOf(action).ShouldMatch(@"^\p{IsCJKUnifiedIdeographs}+$");
        }
    }

    [Theory]
    [InlineData(2026, 4, 10, "2026年4月10日")]
    [InlineData(2026, 12, 2, "2026年12月2日")]
    [InlineData(2027, 1, 31, "2027年1月31日")]
    public void ChineseDate_HasNoLeadingZeros(int y, int m, int d, string expected) =>
        ChineseDates.Day(new DateOnly(y, m, d)).ShouldBe(expected);
}
