using System.Globalization;
using Luoshi.Core.Data;
using Luoshi.Core.Features.Accounts;
using Luoshi.Core.Features.Imports;
using Luoshi.Core.Features.Orders;
using Luoshi.Core.Features.Work;
using Luoshi.Parsing.Calendar;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Security;

/// <summary>What a URL of one scope names, and the texts that prove whose data a response carries.</summary>
public sealed record Target(
    Scope Scope,
    int DistrictId,
    string DistrictCode,
    string DistrictName,
    string DocNumber,
    int UnitId,
    string UnitName,
    int ItemSeq,
    string ItemText,
    string SearchKey,
    int DraftId,
    int DraftVersion,
    string DraftFile,
    int CircularId = 0)
{
    public string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The item's id (the work pages name items by id), with a work plan of <see cref="UnitId"/> started for it.</summary>
    public int ItemId { get; init; }

    /// <summary>An evidence file attached to that work plan.</summary>
    public int EvidenceId { get; init; }

    /// <summary>The work-plan page of <see cref="UnitId"/> for <see cref="ItemId"/>.</summary>
    public string FilingUrl(string? handler = null) =>
        $"/Work/Filing?item={Id(ItemId)}&unit={Id(UnitId)}&period=WorkPlan" + (handler is null ? string.Empty : "&handler=" + handler);

    /// <summary>A supervision order (督办单) to this target's unit, and its subject (unique to the target).</summary>
    public int OrderId { get; init; }

    public string OrderSubject { get; init; } = string.Empty;

    /// <summary>A file attached to that order's reply.</summary>
    public int OrderFileId { get; init; }

    /// <summary>The text an allowed response shows, and a denied one must not.</summary>
    public string? Text(Shows shows) => shows switch
    {
        Shows.Nothing => null,
        Shows.DistrictName => DistrictName,
        Shows.DocNumber => DocNumber,
        Shows.ItemText => ItemText,
        Shows.DraftFile => DraftFile,
        Shows.OrderSubject => OrderSubject,
    };

    /// <summary>Everything of this target that must never reach a caller who is denied it.</summary>
    public IEnumerable<string> Secrets(Shows shows) =>
        new[] { Text(shows), ItemText, Scope is Scope.OtherDistrict or Scope.Forged ? DraftFile : null }.OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>
/// The targets of each scope, read from the demo data, plus one open import draft per district (so that the draft pages
/// have something editable). The callers are Jiang'an's accounts; their unit is 区发展和改革局.
/// </summary>
public sealed class MatrixTargets
{
    public const string OwnDistrict = "jiangan";
    public const string OtherDistrictCode = "hongshan";
    public const string OwnUnit = "区发展和改革局";
    public const string OtherUnitName = "区商务局";

    private readonly Dictionary<Scope, Target> _targets;

    private MatrixTargets(Dictionary<Scope, Target> targets) => _targets = targets;

    public Target this[Scope scope] => _targets[scope];

    public static string UserName(Caller caller) => caller switch
    {
        Caller.Anonymous => throw new ArgumentOutOfRangeException(nameof(caller)),
        Caller.Admin => "admin",
        Caller.SecurityAdmin => "security",
        Caller.AuditAdmin => "auditor",
        Caller.CityViewer => "city",
        Caller.Office => "jiangan.office",
        Caller.Leader => "jiangan.leader",
        Caller.UnitHead => "jiangan.fgj.head",
        Caller.Clerk => "jiangan.fgj.clerk",
    };

    public static async Task<MatrixTargets> LoadAsync(LuoshiWebFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var scope = factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<LuoshiDb>();
        var imports = sp.GetRequiredService<ImportService>();
        string data = DataFolder.Find(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath)
            ?? throw new InvalidOperationException("no data folder");

        var items = await (from i in db.PlanItems
                           join p in db.Plans on i.PlanId equals p.Id
                           join d in db.Districts on p.DistrictId equals d.Id
                           select new { d.Code, i.Id, i.Seq, i.Text, Units = i.Units.Select(u => u.UnitId).ToList() }).ToListAsync();
        var allTexts = items.Select(i => i.Text).ToList();

        async Task<Target> Make(Scope s, string code, string unitName, int? notOnUnit, string seedFile)
        {
            var district = await db.Districts.SingleAsync(d => d.Code == code);
            string doc = await db.Plans.Where(p => p.DistrictId == district.Id).Select(p => p.DocNumber!).SingleAsync();
            int unitId = await db.Units.Where(u => u.DistrictId == district.Id && u.Name == unitName).Select(u => u.Id).SingleAsync();
            var item = items.Where(i => i.Code == code && i.Units.Contains(unitId) && (notOnUnit is null || !i.Units.Contains(notOnUnit.Value)))
                .Select(i => new { i.Id, i.Seq, Snippets = UniqueSnippets(i.Text, allTexts) })
                .First(i => i.Snippets is not null);
            byte[] bytes = await File.ReadAllBytesAsync(Path.Combine(data, "seeds", seedFile));
            string file = "matrix-" + code + ".txt";
            var draft = await db.ImportDrafts.Where(d => d.FileName == file).FirstOrDefaultAsync()
                ?? (await imports.CreateDraftAsync(district.Id, file, bytes, "matrix-setup")).Value
                ?? throw new InvalidOperationException("draft for " + code + " not created");
            int planId = await db.Plans.Where(p => p.DistrictId == district.Id).Select(p => p.Id).SingleAsync();
            var circular = await db.Circulars.Where(c => c.PlanId == planId && c.CreatedBy == "matrix-setup").FirstOrDefaultAsync();
            if (circular is null)
            {
                circular = new Luoshi.Core.Features.Circulars.Circular
                {
                    DistrictId = district.Id, PlanId = planId, Period = Luoshi.Parsing.Calendar.ReportPeriod.Q1, Title = "矩阵测试通报", Body = "矩阵测试正文",
                    CreatedBy = "matrix-setup", AsOf = new DateOnly(2026, 4, 11),
                };
                db.Circulars.Add(circular);
                await db.SaveChangesAsync();
            }

            int evidenceId = await WorkPlanWithEvidenceAsync(sp.GetRequiredService<FilingEditing>(), sp.GetRequiredService<EvidenceStore>(), db, district.Id, unitId, item.Id);
            string subject = "矩阵督办事项" + s;
            var order = await db.SupervisionOrders.FirstOrDefaultAsync(o => o.Subject == subject);
            if (order is null)
            {
                order = new SupervisionOrder
                {
                    DistrictId = district.Id, UnitId = unitId, Number = "督办〔2026〕" + (int)s + "号", Subject = subject, Requirement = "矩阵测试",
                    ReplyBy = new DateOnly(2026, 12, 31), IssuedAt = DateTimeOffset.UtcNow, IssuedBy = "matrix-setup", Version = 1,
                };
                db.SupervisionOrders.Add(order);
                await db.SaveChangesAsync();
            }

            var orderFile = await db.OrderAttachments.FirstOrDefaultAsync(a => a.OrderId == order.Id);
            if (orderFile is null)
            {
                orderFile = new OrderAttachment
                {
                    OrderId = order.Id, FileName = "matrix.pdf", ContentType = "application/pdf", Size = 5, Sha256 = new string('0', 64), Content = "%PDF-"u8.ToArray(),
                    UploadedAt = DateTimeOffset.UtcNow, UploadedBy = "matrix-setup",
                };
                db.OrderAttachments.Add(orderFile);
                await db.SaveChangesAsync();
            }

            return new Target(s, district.Id, district.Code, district.Name, doc, unitId, unitName, item.Seq, item.Snippets!.Value.Text, item.Snippets.Value.Key, draft.Id, draft.Version, draft.FileName, circular.Id)
            {
                ItemId = item.Id,
                EvidenceId = evidenceId,
                OrderId = order.Id,
                OrderSubject = subject,
                OrderFileId = orderFile.Id,
            };
        }

        var own = await Make(Scope.Own, OwnDistrict, OwnUnit, null, "000_4e4f19e7498f2113.txt");
        var otherUnit = await Make(Scope.OtherUnit, OwnDistrict, OtherUnitName, own.UnitId, "000_4e4f19e7498f2113.txt");
        var otherDistrict = await Make(Scope.OtherDistrict, OtherDistrictCode, OwnUnit, null, "001_b07d873149f44e2f.txt");
        var forged = otherDistrict with { Scope = Scope.Forged, DistrictCode = own.DistrictCode };
        var none = own with { Scope = Scope.None };
        return new MatrixTargets(new()
        {
            [Scope.None] = none,
            [Scope.Own] = own,
            [Scope.OtherUnit] = otherUnit,
            [Scope.OtherDistrict] = otherDistrict,
            [Scope.Forged] = forged,
        });
    }

    /// <summary>The unit's work plan for the item, started by its clerk, with one small PDF attached (once per database).</summary>
    private static async Task<int> WorkPlanWithEvidenceAsync(FilingEditing editing, EvidenceStore evidenceStore, LuoshiDb db, int districtId, int unitId, int itemId)
    {
        var clerk = new Actor("matrix-setup", "矩阵测试填报人", AppRole.Clerk, districtId, unitId);
        var filing = await editing.OpenAsync(itemId, unitId, ReportPeriod.WorkPlan, clerk);
        filing.Ok.ShouldBeTrue(filing.Failure?.Message);
        int? existing = await db.Evidence.Where(e => e.FilingId == filing.Value!.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync();
        if (existing is int id)
        {
            return id;
        }

        var evidence = await evidenceStore.AttachAsync(filing.Value!.Id, "matrix.pdf", "%PDF-1.4\n%matrix\n%%EOF\n"u8.ToArray(), clerk);
        evidence.Ok.ShouldBeTrue(evidence.Failure?.Message);
        return evidence.Value!.Id;
    }

    /// <summary>
    /// Two runs of ten characters of an item's text, each found in no other item of any district and free of markup
    /// characters, within the first 150 characters (lists show the start of an item): one to search for, and one, apart from
    /// it, that shows the item is on a page (a search box repeats the query, so the query itself proves nothing).
    /// </summary>
    private static (string Key, string Text)? UniqueSnippets(string text, List<string> all)
    {
        string? Find(int from)
        {
            for (int start = from; start + 10 <= Math.Min(text.Length, 150); start++)
            {
                string s = text.Substring(start, 10);
                if (s.IndexOfAny(['<', '>', '&', '"', '\'', '\n', '\r', ' ', '…']) < 0 && all.Count(t => t.Contains(s, StringComparison.Ordinal)) == 1)
                {
                    return s;
                }
            }

            return null;
        }

        string? key = Find(0);
        string? shown = key is null ? null : Find(text.IndexOf(key, StringComparison.Ordinal) + 10);
        return key is null || shown is null ? null : (key, shown);
    }
}
