using Luoshi.Web.Features.Accounts;
using Luoshi.Web.Features.Dashboard;
using Luoshi.Web.Features.Plans;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddLuoshiDatabase(builder.Environment.ContentRootPath);
builder.Services.AddScoped<Luoshi.Core.Features.Imports.ImportService>();
builder.Services.AddScoped<Luoshi.Core.Features.Imports.PlanPublisher>();
builder.Services.AddScoped<DemoData>();
builder.Services.AddScoped<Luoshi.Core.Features.Work.FilingEditing>();
builder.Services.AddScoped<Luoshi.Core.Features.Work.FilingHandOffs>();
builder.Services.AddScoped<Luoshi.Core.Features.Notifications.HandOffNotices>();
builder.Services.AddSingleton(sp => Luoshi.Core.Features.Notifications.PublicAddress.From(sp.GetRequiredService<IConfiguration>()));
builder.Services.AddScoped<Luoshi.Core.Features.Work.Consolidation>();
builder.Services.AddScoped<Luoshi.Core.Features.Work.EvidenceStore>();
builder.Services.AddSingleton(sp => Luoshi.Core.Features.Work.VirusScanner.From(sp.GetRequiredService<IConfiguration>(),
    sp.GetRequiredService<ILoggerFactory>().CreateLogger<Luoshi.Core.Features.Work.VirusScanner>()));
builder.Services.AddScoped<Luoshi.Core.Features.Work.PeriodClosing>();
builder.Services.AddScoped<Luoshi.Core.Features.Work.FilingQueries>();
builder.Services.AddScoped<Luoshi.Core.Features.Supervision.YearQueries>();
builder.Services.AddScoped<Luoshi.Core.Features.Supervision.LeaderViews>();
builder.Services.AddMemoryBudget();
builder.Services.AddScoped<Luoshi.Core.Features.Plans.PlanQueries>();
builder.Services.AddScoped<Luoshi.Core.Features.Years.PlanYears>();
builder.Services.AddScoped<Luoshi.Core.Features.Years.YearService>();
builder.Services.AddScoped<Luoshi.Core.Features.Circulars.CircularService>();
builder.Services.AddScoped<Luoshi.Core.Features.Numbering.NumberingService>();
builder.Services.AddSingleton(new Luoshi.Core.Features.Circulars.PdfConverter());
builder.Services.AddScoped<Luoshi.Core.Features.Scores.ScoreService>();
builder.Services.AddScoped<Luoshi.Core.Features.Exports.FormExports>();
builder.Services.AddScoped<Luoshi.Core.Features.Exports.ProgressExport>();
builder.Services.AddSingleton<Luoshi.Web.Features.Dashboard.DashboardCache>();
builder.Services.AddSingleton<Luoshi.Web.Features.Supervision.SupervisionCache>();
builder.Services.AddSingleton<UnitTasksCache>();
builder.Services.AddSingleton<Luoshi.Web.Features.Shared.YearSwitchCache>();
builder.Services.AddReminders();
builder.Services.AddScoped<Luoshi.Web.Features.Inbox.InboxQueries>();
builder.Services.AddSingleton<Luoshi.Web.Features.Inbox.InboxBadge>();
builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Luoshi.Web.Features.Inbox.InboxBadgeInterceptor>();
builder.Services.AddScoped<Luoshi.Core.Features.Supervision.DistrictSettingsService>();
builder.Services.AddScoped<Luoshi.Core.Features.Orders.OrderService>();
builder.Services.AddScoped<Luoshi.Core.Features.Supervision.SupervisionActions>();
builder.Services.AddScoped<AccountService>();
builder.Services.AddScoped<SignInGuard>();
builder.Services.AddSignInThrottle();
builder.Services.AddHostedService<AuditSealer>();
builder.Services.AddTransport();
builder.Services.AddPageOutputCache();
builder.Services.AddScoped<Luoshi.Core.Features.Units.UnitService>();
builder.Services.AddScoped<Luoshi.Core.Features.Plans.PlanChanges>();

// Keys for cookies and antiforgery live in the database, so that every web instance reads the others' cookies.
builder.Services.AddDataProtection().PersistKeysToDbContext<LuoshiDb>().SetApplicationName("Luoshi");

builder.Services.AddIdentityCore<AppUser>(o =>
    {
        // The policy is PasswordPolicy (replacing Identity's own validator below); Identity's class rules are off.
        o.Password.RequiredLength = PasswordPolicy.MinLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.SignIn.RequireConfirmedAccount = true; // "confirmed" means not disabled: EnabledAccounts
        // Identity's lockout (per account, for everyone) is not used: sign-ins pass lockoutOnFailure: false and the locks are
        // SignInGuard's, per user name and client address.
        o.Lockout.AllowedForNewUsers = false;
        o.User.RequireUniqueEmail = false;
    })
    .AddSignInManager()
    .AddEntityFrameworkStores<LuoshiDb>()
    .AddClaimsPrincipalFactory<LuoshiClaimsFactory>();
builder.Services.Replace(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, PasswordPolicy>());
builder.Services.AddScoped<IUserConfirmation<AppUser>, EnabledAccounts>();
builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies(o => o.ApplicationCookie?.Configure(c =>
{
    c.LoginPath = "/Account/Login";
    c.LogoutPath = "/Account/Logout";
    c.AccessDeniedPath = "/Account/Denied";
    c.ExpireTimeSpan = TimeSpan.FromHours(8);
    c.SlidingExpiration = true;
    c.Cookie.Name = "luoshi.auth";
    c.Cookie.HttpOnly = true;
    c.Cookie.SameSite = SameSiteMode.Strict;
    c.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
    c.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
}));
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
builder.Services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddAntiforgery(o => o.Cookie.Name = "luoshi.csrf");
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/Denied");
    o.Conventions.AllowAnonymousToFolder("/Errors");
}).AddMvcOptions(o => o.AddErrorPageFilters());
// Chinese text is written as characters, not as &#x...; escapes; markup characters are still encoded.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = Luoshi.Core.Features.Imports.ImportService.MaxUploadBytes + (1024 * 1024));
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Luoshi.Core.Features.Imports.ImportService.MaxUploadBytes + (1024 * 1024));

var app = builder.Build();

await StartupTasks.RunAsync(app);

app.UseTransport();
app.UseErrorPages();
app.Use(async (ctx, next) =>
{
    ctx.Response.Headers.XContentTypeOptions = "nosniff";
    ctx.Response.Headers.XFrameOptions = "DENY";
    ctx.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    ctx.Response.Headers["Referrer-Policy"] = "same-origin";
    ctx.Response.Headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()";
    await next();
});
app.UseRateLimiter();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<Luoshi.Web.Features.Account.PasswordChangeGate>();
app.UseAntiforgery();
app.UsePageOutputCache();

app.MapOpenApi("/api/openapi.json");
app.MapRazorPages();
app.MapPlansApi();
app.MapDashboardApi();
app.MapAccountsApi();

app.Run();

static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>The web host's entry point, visible to the test host.</summary>
public partial class Program;
