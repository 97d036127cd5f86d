using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Issue 13: on every width a page is read at, no table cell is squeezed to less than two characters of its own text
/// (the work list at 390 px once showed dates as "20/26/-0/7-/08", one character a line). A cell counts when it is
/// rendered (not in a hidden header, a closed details or a display:none card part) and holds text or a form field;
/// its width is its content box, measured against twice its own font size (two CJK characters).
/// </summary>
public static class NarrowCells
{
    // In the page: every td/th that is drawn and holds something, narrower than two characters of its own font.
    private const string Script = """
        () => {
          const found = [];
          for (const cell of document.querySelectorAll('td, th')) {
            if (cell.getClientRects().length === 0) continue;
            const style = getComputedStyle(cell);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            const text = (cell.innerText || '').replace(/\s+/g, ' ').trim();
            const field = cell.querySelector('input:not([type=hidden]), textarea, select, button');
            if (text === '' && !field) continue;
            const content = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            const two = 2 * parseFloat(style.fontSize);
            if (content + 0.5 < two) {
              const table = cell.closest('table');
              const where = table ? 'table.' + (table.className || '(no class)').trim().replace(/\s+/g, '.') : '(no table)';
              found.push(where + ' ' + cell.tagName.toLowerCase() + ' "' + text.slice(0, 24) + '" ' + content.toFixed(1) + 'px < ' + two.toFixed(1) + 'px');
            }
          }
          return found;
        }
        """;

    /// <summary>The narrow cells on the page as it is now, each as "table.class td "text" width &lt; two characters".</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string[]>(Script);
    }

    /// <summary>Fails, listing them, when the page has any narrow cell.</summary>
    public static async Task ShouldHaveNoneAsync(IPage page, string where)
    {
        var found = await FindAsync(page);
        found.ShouldBeEmpty($"{where}: table cells narrower than two characters:\n" + string.Join("\n", found.Take(20)));
    }
}
