namespace Luoshi.Web.Features.Imports;

// Issue 10.6 (import safety): the notice's origin checked against the district, shown before publishing.
// Kept apart from the other handlers of the draft page; the page's section is marked "issue 10.6" in Draft.cshtml.
public sealed partial class DraftModel
{
    /// <summary>Why the notice seems to come from another government than the draft's district (NoticeOrigin), or null.</summary>
    public string? OriginFlag { get; private set; }
}
