using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>Data and form helpers for the account and administration tests.</summary>
public static class AccountTestData
{
    /// <summary>
    /// Ids of organizational units of the institution 008. The plan seed creates them; when its data
    /// file is absent, the institution and a few test units are created here.
    /// </summary>
    public static async Task<IReadOnlyList<int>> UnitIdsAsync(this AppFixture app, int count = 2)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var institution = await db.Institutions.Include(i => i.Units).SingleOrDefaultAsync(i => i.PliegoCode == "008");
        if (institution is null)
        {
            institution = new Institution
            {
                PliegoCode = "008",
                Name = "Ministerio de Relaciones Exteriores",
                Sector = "Relaciones Exteriores",
                GovernmentLevel = "Nacional",
            };
            db.Institutions.Add(institution);
        }

        for (var i = institution.Units.Count; i < count; i++)
        {
            institution.Units.Add(new OrganizationalUnit { Acronym = $"UT{i + 1}", Name = $"Unidad de prueba {i + 1}" });
        }

        await db.SaveChangesAsync();
        return institution.Units.OrderBy(u => u.Id).Take(count).Select(u => u.Id).ToList();
    }

    public sealed record Account(string Id, string Email, string FullName, bool IsActive, bool MustChangePassword, IReadOnlyList<string> Roles, IReadOnlyList<int> UnitIds);

    public static async Task<Account?> FindAccountAsync(this AppFixture app, string email)
    {
        await using var scope = app.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return null;
        }

        var units = await db.UserUnits.Where(x => x.UserId == user.Id).Select(x => x.UnitId).OrderBy(x => x).ToListAsync();
        return new Account(user.Id, user.Email!, user.FullName, user.IsActive, user.MustChangePassword, [.. await users.GetRolesAsync(user)], units);
    }

    public static async Task<string> UserIdAsync(this AppFixture app, string email) =>
        (await app.FindAccountAsync(email))?.Id ?? throw new InvalidOperationException($"No user {email}");

    public static async Task<List<AuditEntry>> AuditOfAsync(this AppFixture app, string subject)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Subject == subject).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>
    /// Loads the page and posts the form found by <paramref name="formSelector"/> the way a browser
    /// would: its hidden fields (anti-forgery token, concurrency stamp...) plus the given fields,
    /// which replace hidden fields of the same name and may repeat a name (several UnitIds).
    /// </summary>
    public static async Task<HttpResponseMessage> PostPageFormAsync(this HttpClient client, string url, string formSelector, params (string Name, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(url);
        var form = (IHtmlFormElement?)page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {url}");
        var given = fields.Select(f => f.Name).ToHashSet();
        var values = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => (Name: i.GetAttribute("name") ?? "", Value: i.GetAttribute("value") ?? ""))
            .Where(f => f.Name.Length > 0 && !given.Contains(f.Name))
            .Concat(fields)
            .Select(f => new KeyValuePair<string, string>(f.Name, f.Value));
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>The anti-forgery token of any page the client may open, to post somewhere else directly.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var page = await client.GetDocumentAsync(url);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No anti-forgery token on {url}");
    }

    /// <summary>The text a person reads on the page (Razor encodes accented letters, so compare parsed text).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) =>
        (await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync())).Body!.TextContent;

    /// <summary>The validation message shown next to a field.</summary>
    public static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var page = await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
        return page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";
    }
}
