using System.Reflection;

namespace Luoshi.Core.Features.Accounts;

/// <summary>
/// The password policy (等保 level 3): at least 8 characters from at least 3 of the 4 classes (upper case, lower case,
/// digit, symbol), not containing the user name, not a common password. Registered as Identity's password validator, so
/// that creating, changing and resetting a password all go through it.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinLength = 8;
    public const int MaxLength = 128;
    public const int MinClasses = 3;

    /// <summary>The rules in one sentence, for the forms.</summary>
    public const string Summary = "密码至少 8 位，须包含大写字母、小写字母、数字、符号中的至少 3 类，不能包含用户名，不能是常见密码。";

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = Check(password, user.UserName);
        return Task.FromResult(errors.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. errors.Select(e => new IdentityError { Code = e.Code, Description = e.Message })]));
    }

    /// <summary>Each rule the password breaks, with its code and Chinese message; empty when it is acceptable.</summary>
    public static IReadOnlyList<(string Code, string Message)> Check(string? password, string? userName)
    {
        var errors = new List<(string, string)>();
        password ??= string.Empty;
        if (password.Length < MinLength)
        {
            errors.Add(("PasswordTooShort", $"密码至少需要 {MinLength} 个字符。"));
        }
        else if (password.Length > MaxLength)
        {
            errors.Add(("PasswordTooLong", $"密码不能超过 {MaxLength} 个字符。"));
        }

        if (Classes(password) < MinClasses)
        {
            errors.Add(("PasswordRequiresClasses", "密码须包含大写字母、小写字母、数字、符号中的至少 3 类。"));
        }

        if (!string.IsNullOrWhiteSpace(userName) && userName.Trim().Length >= 3 && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(("PasswordContainsUserName", "密码不能包含用户名。"));
        }

        if (IsCommon(password))
        {
            errors.Add(("PasswordTooCommon", "该密码过于常见，容易被猜中，请换一个。"));
        }

        return errors;
    }

    /// <summary>How many of the four classes (upper, lower, digit, symbol) the password uses.</summary>
    public static int Classes(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        bool upper = false, lower = false, digit = false, symbol = false;
        foreach (char c in password)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                upper = true;
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                symbol = true;
            }
        }

        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    /// <summary>On the list of common passwords (compared without regard to case).</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password ?? string.Empty);

    // Letters and digits that cannot be mistaken for one another on paper (no 0/O/o, 1/l/I), and symbols easy to type.
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "#%+=@?*!";

    /// <summary>A random initial password of 12 characters that meets the policy for this user name (cryptographic randomness).</summary>
    public static string Generate(string? userName)
    {
        while (true)
        {
            var chars = new List<char>(12);
            void Take(string from, int n)
            {
                for (int i = 0; i < n; i++)
                {
                    chars.Add(from[RandomNumberGenerator.GetInt32(from.Length)]);
                }
            }

            Take(Upper, 3);
            Take(Lower, 4);
            Take(Digits, 3);
            Take(Symbols, 2);
            var shuffled = chars.ToArray();
            RandomNumberGenerator.Shuffle(shuffled.AsSpan());
            string password = new(shuffled);
            if (Check(password, userName).Count == 0)
            {
                return password;
            }
        }
    }

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Luoshi.Core.Features.Accounts.CommonPasswords.txt")
            ?? throw new InvalidOperationException("the common-password list is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            string p = line.Trim();
            if (p.Length > 0 && !p.StartsWith("# ", StringComparison.Ordinal))
            {
                set.Add(p);
            }
        }

        return set;
    }
}
