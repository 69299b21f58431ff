using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Data;
using PeiTracker.Web.Notices;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Pages.Administracion;

/// <summary>The e-mail outbox: what was sent, what waits and why, and a resend for any notice.</summary>
public class AvisosModel(AppDbContext db, TimeProvider clock, AuditedWriter writer, MailSettings mail) : PageModel
{
    public const int Shown = 200;

    public const string ConflictText = "El aviso cambió mientras usted miraba la lista (el servidor de correo lo estaba enviando): revise su estado y vuelva a intentarlo.";

    public record NoticeRow(
        long Id,
        DateTimeOffset CreatedAt,
        NoticeKind Kind,
        string Recipient,
        string RecipientName,
        string Subject,
        NoticeStatus Status,
        int Attempts,
        DateTimeOffset NextAttemptAt,
        DateTimeOffset? SentAt,
        string? LastError,
        int Resends,
        uint Version);

    public static readonly IReadOnlyList<NoticeStatus> States = Enum.GetValues<NoticeStatus>();

    [BindProperty(SupportsGet = true)]
    public NoticeStatus? Estado { get; set; }

    public IReadOnlyList<NoticeRow> Notices { get; private set; } = [];

    public IReadOnlyDictionary<NoticeStatus, int> Counts { get; private set; } = new Dictionary<NoticeStatus, int>();

    public bool MailConfigured => mail.IsConfigured;

    public string MailServer => $"{mail.Host}:{mail.Port}";

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        Counts = await db.OutboxNotices.GroupBy(n => n.Status).ToDictionaryAsync(g => g.Key, g => g.Count());
        var notices = db.OutboxNotices.AsNoTracking();
        if (Estado is { } state)
        {
            notices = notices.Where(n => n.Status == state);
        }

        Notices = await notices.OrderByDescending(n => n.Id).Take(Shown)
            .Select(n => new NoticeRow(n.Id, n.CreatedAt, n.Kind, n.Recipient, n.RecipientName, n.Subject, n.Status, n.Attempts, n.NextAttemptAt, n.SentAt, n.LastError, n.Resends, n.Version))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostResendAsync(long id, uint version)
    {
        var notice = await db.OutboxNotices.SingleOrDefaultAsync(n => n.Id == id);
        if (notice is null)
        {
            TempData["Error"] = "El aviso no existe.";
            return RedirectToPage(new { estado = Estado });
        }

        writer.Expect(notice, version);
        var change = notice.Resend(clock.GetUtcNow());
        var status = await writer.SaveAsync(new AuditContext(User.Identity!.Name!, notice.Recipient, "Reenvío solicitado desde Administración > Avisos", null, notice.IndicatorId), [change]);
        if (status == WriteStatus.Conflict)
        {
            TempData["Error"] = ConflictText;
        }
        else
        {
            TempData["Status"] = $"El aviso a {notice.Recipient} se enviará de nuevo en unos segundos.";
        }

        return RedirectToPage(new { estado = Estado });
    }
}
