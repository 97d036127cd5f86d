namespace Luoshi.Web.Features.Imports;

// Issue 15: the catalogue proposed from the notice for a district without one, confirmed or edited by the office
// (the page's section is _ProposedCatalogue.cshtml). Kept apart from the other handlers of the draft page.
public sealed partial class DraftModel
{
    /// <summary>The proposal to show: only while the draft is open and the district still has no units.</summary>
    public DraftCatalogueProposal? Proposal => Editable && Catalogue.Count == 0 ? Plan.ProposedCatalogue : null;

    /// <summary>
    /// Confirms the proposed catalogue as edited: the units ticked in <paramref name="unitKeep"/> (indexes into the other arrays),
    /// with their names, kinds and printed forms (separated by 、) as the office left them; likewise the collectives.
    /// </summary>
    public async Task<IActionResult> OnPostConfirmCatalogueAsync(int id, int version, string[]? unitName, UnitKind[]? unitKind, string[]? unitAliases,
        int[]? unitKeep, string[]? colName, string[]? colAliases, int[]? colKeep, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } district)
        {
            return NotFound();
        }

        var draft = await imports.ProposalAsync(id, district, ct);
        if (draft is null)
        {
            return await RefuseAsync(id, "该草稿没有按通知生成的单位名录。", ct);
        }

        unitName ??= [];
        unitKind ??= [];
        unitAliases ??= [];
        colName ??= [];
        colAliases ??= [];
        var units = (unitKeep ?? []).Distinct().Where(i => i >= 0 && i < unitName.Length && i < unitKind.Length)
            .Select(i => new ConfirmedUnit((unitName[i] ?? string.Empty).Trim(), unitKind[i],
                SplitAliases(i < unitAliases.Length ? unitAliases[i] : null)))
            .ToList();
        var collectives = (colKeep ?? []).Distinct().Where(i => i >= 0 && i < colName.Length && i < draft.Collectives.Count)
            .Select(i => new ConfirmedCollective((colName[i] ?? string.Empty).Trim(),
                SplitAliases(i < colAliases.Length ? colAliases[i] : null),
                draft.Collectives[i].Open, draft.Collectives[i].MemberKinds, draft.Collectives[i].Include))
            .ToList();
        var r = await imports.ConfirmCatalogueAsync(id, district, version, units, collectives, Actor, ct);
        return await AfterAsync(r, id, null, $"已建立单位名录（{ImportLabels.Num(units.Count)} 个单位、{ImportLabels.Num(collectives.Count)} 个统称），并按名录重新核对了草稿中的单位。", ct);
    }

    /// <summary>Printed forms as typed: separated by ｜, |, ；, ; or a line break (not 、, which a collective holds: 各县、市、区).</summary>
    private static List<string> SplitAliases(string? text) =>
        [.. (text ?? string.Empty).Split(['|', '｜', '；', ';', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
