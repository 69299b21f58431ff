using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>The Matriz de compromisos across periods, and the report's own sections saved one by one.</summary>
[Collection(AppCollection.Name)]
public class InformeCommitmentTests(AppFixture app)
{
    private static string Informe(string periodo, int year = 2027) => $"/Reportes/Informe?anio={year}&periodo={periodo}";

    private Task<(int Unit, string Subject)> ChoicesAsync() => app.QueryAsync(async db =>
        (await db.OrganizationalUnits.Where(u => u.Acronym == "DGA").Select(u => u.Id).SingleAsync(),
         "I" + await db.Indicators.Where(i => i.Plan!.Code == "MRE-PEI-2025-2030").OrderBy(i => i.Key).Select(i => i.Id).FirstAsync()));

    [Fact]
    public async Task Commitment_TakenInTheFirstSemester_IsCarriedIntoTheSecondAndLaterButNotEarlier()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var (unit, subject) = await ChoicesAsync();
        var action = "Compromiso arrastrado " + Guid.NewGuid().ToString("N")[..8];

        await client.SubmitFormAsync(Informe("S1"), new Dictionary<string, string>
        {
            ["recommendation"] = "Mejorar el registro", ["unitId"] = $"{unit}", ["subject"] = subject, ["action"] = action, ["deadline"] = "2099-06-30",
        }, "form.commitment-form");

        foreach (var (periodo, year, shown) in new[] { ("S1", 2027, true), ("S2", 2027, true), ("A", 2027, true), ("S1", 2028, true), ("A", 2026, false) })
        {
            var table = (await client.GetDocumentAsync(Informe(periodo, year))).QuerySelector("table.commitments-table")?.TextContent ?? "";
            Assert.True(table.Contains(action, StringComparison.Ordinal) == shown, $"{periodo} {year}");
        }

        var row = (await client.GetDocumentAsync(Informe("S2"))).QuerySelectorAll("table.commitments-table tbody tr").Single(r => r.TextContent.Contains(action, StringComparison.Ordinal));
        Assert.Contains("I semestre 2027", row.Children[0].TextContent);
        Assert.Equal("Pendiente", row.QuerySelector(".commitment-state")!.TextContent);
    }

    [Fact]
    public async Task Commitment_PastItsDeadline_IsVencidoAndFollowUpIsAudited()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var (unit, subject) = await ChoicesAsync();
        var action = "Compromiso vencido " + Guid.NewGuid().ToString("N")[..8];
        await client.SubmitFormAsync(Informe("S1", 2025), new Dictionary<string, string>
        {
            ["recommendation"] = "Cerrar brechas", ["unitId"] = $"{unit}", ["subject"] = subject, ["action"] = action, ["deadline"] = "2025-09-30",
        }, "form.commitment-form");
        var id = await app.QueryAsync(db => db.Commitments.Where(c => c.Action == action).Select(c => c.Id).SingleAsync());

        Assert.Equal("Vencido", (await client.GetDocumentAsync(Informe("S2", 2025))).QuerySelector($"#compromiso-{id} .commitment-state")!.TextContent);
        await client.SubmitFormAsync(Informe("S2", 2025), new Dictionary<string, string> { ["text"] = "La DGA presentó su cronograma." }, $"#compromiso-{id} form[action*='handler=CommitmentNote']");
        await client.SubmitFormAsync(Informe("S2", 2025), new Dictionary<string, string> { ["status"] = "Cumplido" }, $"#compromiso-{id} form[action*='handler=CommitmentStatus']");
        var row = (await client.GetDocumentAsync(Informe("S2", 2025))).QuerySelector($"#compromiso-{id}")!;

        Assert.Equal("Cumplido", row.QuerySelector(".commitment-state")!.TextContent);
        Assert.Contains("La DGA presentó su cronograma.", row.QuerySelector(".commitment-notes")!.TextContent);
        var audit = await app.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == $"Compromiso {id}").OrderBy(a => a.Id).Select(a => new { a.Field, a.Before, a.After }).ToListAsync());
        Assert.Equal(["Seguimiento del compromiso", "Estado del compromiso"], audit.Select(a => a.Field));
        Assert.Equal(("Pendiente", "Cumplido"), (audit[1].Before, audit[1].After));
    }

    [Fact]
    public async Task Commitment_WithoutRecommendation_IsRefusedInSpanishAndSavesNothing()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var (unit, subject) = await ChoicesAsync();
        var action = "Sin recomendación " + Guid.NewGuid().ToString("N")[..8];

        var response = await client.SubmitFormAsync(Informe("S1"), new Dictionary<string, string>
        {
            ["recommendation"] = " ", ["unitId"] = $"{unit}", ["subject"] = subject, ["action"] = action, ["deadline"] = "2027-12-31",
        }, "form.commitment-form");

        Assert.Contains("Indique la recomendación", (await client.GetDocumentAsync(response.Headers.Location!.ToString())).QuerySelector(".alert-danger")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.Commitments.AnyAsync(c => c.Action == action)));
    }

    [Theory]
    [InlineData("ResumenEjecutivo")]
    [InlineData("Conclusiones")]
    [InlineData("Recomendaciones")]
    public async Task ReportSection_TwoEditorsSaveIt_SecondIsAConflictAndTheFirstIsKeptWithItsHistory(string section)
    {
        var url = Informe("A", 2028);
        var kind = Enum.Parse<InformeSection>(section);
        var selector = $"#seccion-{section} form.narrative-form";
        var first = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var firstForm = await first.ReadFormAsync(url, selector);
        var staleForm = await second.ReadFormAsync(url, selector);

        await firstForm.PostAsync(first, ("text", $"{section} de la primera editora."));
        var response = await staleForm.PostAsync(second, ("text", $"{section} que llegó tarde."));
        var page = await second.GetDocumentAsync(response.Headers.Location!.ToString());

        Assert.Contains(Pages.Reportes.InformeModel.NarrativeConflictMessage, page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal($"{section} de la primera editora.", page.QuerySelector($"#seccion-{section} .narrative")!.TextContent.Trim());
        Assert.Contains($"{section} de la primera editora.", page.QuerySelector($"#seccion-{section} .section-history")!.TextContent);
        Assert.Equal(1, await app.QueryAsync(db => db.EvaluationNarratives.CountAsync(n => n.Year == 2028 && n.Period == PeriodKind.Anual && n.Section == kind)));
    }
}
