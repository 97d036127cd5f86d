namespace Luoshi.Web.Features.Inbox;

/// <summary>站内消息: the signed-in person's reminders and orders, newest first; mark one or all read.</summary>
public sealed class IndexModel(InboxQueries inbox) : PageModel
{
    public IReadOnlyList<InboxMessage> Messages { get; private set; } = [];

    public int Unread => Messages.Count(m => !m.Read);

    public async Task OnGetAsync(CancellationToken ct) => Messages = await inbox.ListAsync(User, ct);

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        await inbox.MarkReadAsync(User, id, ct);
        return LocalRedirect("/Inbox");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await inbox.MarkReadAsync(User, null, ct);
        return LocalRedirect("/Inbox");
    }
}
