using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>The plan's reminder settings on the periods page: saved with an audit row, refused in Spanish on bad input.</summary>
[Collection(AppCollection.Name)]
public class PeriodRemindersTests(AppFixture app)
{
    private const string Periods = "/Registro/Periodos";

    private async Task<(string Days, int Escalation)> SettingsAsync()
    {
        var plan = await app.QueryAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Code == "MRE-PEI-2025-2030"));
        return (ReminderRules.Describe(plan.ReminderDaysBefore), plan.EscalationDaysLate);
    }

    private static async Task<string> PostAsync(HttpClient client, string days, string escalation)
    {
        var response = await client.PostFormAsync(Periods, [("daysBefore", days), ("escalationDays", escalation)], "#reminders-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await AccountTestData.TextAsync(await client.GetAsync(response.Headers.Location!)));
    }

    [Fact]
    public async Task Reminders_NewDaysAndEscalation_AreSavedAndAuditedBeforeAndAfter()
    {
        var client = await app.LoginAsync();
        try
        {
            var page = await PostAsync(client, "14, 3", "5");

            Assert.Contains("Recordatorios: 14, 3 día(s) antes del plazo", page);
            Assert.Equal(("14, 3", 5), await SettingsAsync());
            var audit = await app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Kind == AuditKind.Recordatorio).OrderByDescending(a => a.Id).FirstAsync());
            Assert.Equal(("7, 1 día(s) antes del plazo, el día del plazo y el día siguiente; escalamiento a los 3 día(s) de atraso",
                "14, 3 día(s) antes del plazo, el día del plazo y el día siguiente; escalamiento a los 5 día(s) de atraso", AppFixture.AdminEmail),
                (audit.Before, audit.After, audit.UserName));
            Assert.Equal("14, 3", (await client.GetDocumentAsync(Periods)).QuerySelector("#daysBefore")!.GetAttribute("value"));
        }
        finally
        {
            await PostAsync(client, "7, 1", "3");
        }
    }

    [Theory]
    [InlineData("7, cero", "3", "Los días de anticipación deben ser números enteros entre 1 y 60")]
    [InlineData("7, 1", "0", "Los días de atraso para escalar deben estar entre 1 y 30.")]
    [InlineData("7, 1", "", "Indique después de cuántos días de atraso se escala.")]
    public async Task Reminders_BadInput_IsRefusedInSpanishAndSavesNothing(string days, string escalation, string message)
    {
        var client = await app.LoginAsync();
        var before = await SettingsAsync();

        var page = await PostAsync(client, days, escalation);

        Assert.Contains(message, page);
        Assert.Equal(before, await SettingsAsync());
    }
}
