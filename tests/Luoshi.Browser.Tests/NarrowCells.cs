using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// The table cells of a page narrower than two characters of their own text (a column squeezed to one character per line, as
/// dates breaking "20/26/-0/7-"): each as "table#n row r col c: width px" — empty when every cell is wide enough. Empty cells
/// and cells not shown are left out. A character is the cell's font size (a CJK character is one em wide).
/// </summary>
public static class NarrowCells
{
    public static async Task<IReadOnlyList<string>> FindAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              document.querySelectorAll('table').forEach((t, ti) => {
                t.querySelectorAll('tr').forEach((tr, ri) => {
                  Array.from(tr.children).forEach((cell, ci) => {
                    if (!cell.textContent.trim()) return;
                    const r = cell.getBoundingClientRect();
                    if (r.width === 0 && r.height === 0) return;
                    const s = getComputedStyle(cell);
                    const inner = r.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                    const two = 2 * parseFloat(s.fontSize);
                    if (inner < two) out.push(`table#${ti} row ${ri} col ${ci}: ${Math.round(inner)} px < ${Math.round(two)} px`);
                  });
                });
              });
              return out;
            }
            """);
    }
}
