using Luoshi.Core.Features.Accounts;

namespace Luoshi.Core.Tests.Accounts;

/// <summary>Each rule of the password policy on its own, and the generator against all of them.</summary>
public class PasswordPolicyTests
{
    private static IEnumerable<string> Codes(string password, string? user = "hongshan.jyj.clerk") => PasswordPolicy.Check(password, user).Select(e => e.Code);

    [Theory]
    [InlineData("Ab3#xyz")] // 7
    [InlineData("")]
    public void TooShort_IsRefused(string password) => Codes(password).ShouldContain("PasswordTooShort");

    [Fact]
    public void EightCharactersOfThreeClasses_IsAccepted() => Codes("Tq7mWz4k").ShouldBeEmpty();

    [Theory]
    [InlineData("abcdefghij")] // lower only
    [InlineData("ABCDEFGH12")] // two classes
    [InlineData("ab12cd34ef")]
    [InlineData("qp#$%mnbz!")]
    public void FewerThanThreeClasses_IsRefused(string password) => Codes(password).ShouldContain("PasswordRequiresClasses");

    [Theory]
    [InlineData("Tq7mwz4k")] // upper, lower, digit
    [InlineData("tq7m#wz4k")] // lower, digit, symbol
    [InlineData("TQ7M#WZ4K")] // upper, digit, symbol
    [InlineData("Tqm#wzkbp")] // upper, lower, symbol
    public void AnyThreeClasses_AreEnough(string password) => Codes(password).ShouldNotContain("PasswordRequiresClasses");

    [Fact]
    public void ContainingTheUserName_IsRefused_WhateverTheCase()
    {
        Codes("X9#Hongshan.JYJ.clerk", "hongshan.jyj.clerk").ShouldContain("PasswordContainsUserName");
        Codes("Zhang#2026x", "zhang").ShouldContain("PasswordContainsUserName");
        Codes("Tq7m#wz4k", "zhang").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("P@ssw0rd")]
    [InlineData("Aa123456")]
    [InlineData("Admin@123")]
    [InlineData("1qaz@WSX")]
    [InlineData("Woaini1314")]
    [InlineData("Luoshi@123")]
    [InlineData("Qwerty123!")]
    public void CommonPasswords_AreRefused_ThoughTheyHaveThreeClasses(string password)
    {
        PasswordPolicy.Classes(password).ShouldBeGreaterThanOrEqualTo(3);
        Codes(password).ShouldBe(["PasswordTooCommon"]);
    }

    [Fact]
    public void EveryMessage_IsChinese()
    {
        var all = PasswordPolicy.Check("abc", "abc");
        all.Count.ShouldBeGreaterThanOrEqualTo(3);
        all.ShouldAllBe(e => e.Message.Any(c => c >= '\u4e00' && c <= '\u9fff'));
    }

    [Fact]
    public void Generated_MeetTheRules_AndDiffer()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 200; i++)
        {
            string p = PasswordPolicy.Generate("hongshan.jyj.clerk");
            PasswordPolicy.Check(p, "hongshan.jyj.clerk").ShouldBeEmpty(p);
            p.Length.ShouldBe(12);
            p.IndexOfAny(['0', 'O', 'o', '1', 'l', 'I']).ShouldBe(-1, "no characters that read alike on paper: " + p);
            seen.Add(p).ShouldBeTrue("a password came up twice: " + p);
        }
    }

    [Fact]
    public async Task AsIdentityValidator_ReportsEachBrokenRule()
    {
        var result = await new PasswordPolicy().ValidateAsync(null!, new AppUser { UserName = "luoshi", DisplayName = "x" }, "luoshi123");
        result.Succeeded.ShouldBeFalse();
        result.Errors.Select(e => e.Code).ShouldBe(["PasswordRequiresClasses", "PasswordContainsUserName", "PasswordTooCommon"], ignoreOrder: true);
        (await new PasswordPolicy().ValidateAsync(null!, new AppUser { UserName = "luoshi", DisplayName = "x" }, "Tq7m#wz4k")).Succeeded.ShouldBeTrue();
    }
}
