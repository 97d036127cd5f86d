using Microsoft.Extensions.Options;

namespace Luoshi.Web.Infrastructure;

/// <summary>Puts the account's role, district and unit into its sign-in cookie as claims.</summary>
public sealed class LuoshiClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ActorClaims.RoleClaim, user.Role.ToString()));
        id.AddClaim(new Claim(ActorClaims.DisplayNameClaim, user.DisplayName));
        if (user.DistrictId is int d)
        {
            id.AddClaim(new Claim(ActorClaims.DistrictClaim, d.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.UnitId is int u)
        {
            id.AddClaim(new Claim(ActorClaims.UnitClaim, u.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.MustChangePassword)
        {
            id.AddClaim(new Claim(Features.Account.PasswordChangeGate.Claim, "1"));
        }

        return id;
    }
}
