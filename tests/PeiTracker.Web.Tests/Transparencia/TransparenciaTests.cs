using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Pages.Reportes;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Transparencia;

/// <summary>
/// The Informe's sign-off and publication, and the public transparency pages: a closed period approved by the head of
/// the planning office and published appears for anyone with its files and their SHA-256; nothing unpublished does.
/// </summary>
[Collection(AppCollection.Name)]
public class TransparenciaTests(AppFixture app)
{
    private const string Informe = "/Reportes/Informe?anio=2025&periodo=S2";

    private async Task<HttpClient> HeadAsync()
    {
        var email = await app.CreateUserAsync(Roles.Planificador);
        await app.QueryAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.HeadsPlanningOffice, true)));
        return await app.LoginAsync(email);
    }

    private static string Alert(AngleSharp.Dom.IDocument page) => page.QuerySelector(".alert-danger, .alert-success")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task CloseApprovePublish_PeriodAppearsOnTransparencia_WithFilesWhoseSha256MatchesEveryDownload()
    {
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var head = await HeadAsync();
        try
        {
            // Not closed yet: even the head cannot approve.
            var early = await head.SubmitFormAsync(Informe, new Dictionary<string, string>(), "form[action*='handler=Approve']");
            Assert.Contains("Cierre el periodo", Alert(await head.GetDocumentAsync(early.Headers.Location!.ToString())));

            await planner.SubmitFormAsync("/Registro/Periodos?handler=Confirm&year=2025&period=S2", new Dictionary<string, string> { ["note"] = "Reporte del II semestre" }, "form[action*='handler=Close']");
            await planner.SubmitFormAsync(Informe, new Dictionary<string, string> { ["text"] = "Resumen ejecutivo del II semestre aprobado por la OGPP." }, "#seccion-ResumenEjecutivo form");

            // A Planificador who is not the head sees no approve button, and a forged post is refused.
            Assert.Null((await planner.GetDocumentAsync(Informe)).QuerySelector("form[action*='handler=Approve']"));
            var token = await planner.AntiforgeryTokenAsync(Informe);
            var forged = await planner.PostAsync(Informe + "&handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Contains("Solo la jefatura", Alert(await planner.GetDocumentAsync(forged.Headers.Location!.ToString())));

            await head.SubmitFormAsync(Informe, new Dictionary<string, string>(), "form[action*='handler=Approve']");
            var approved = await head.GetDocumentAsync(Informe);
            Assert.Contains("Usuario de prueba Planificador", approved.QuerySelector(".approval-record")!.TextContent);
            Assert.Contains(InformeSignOff.ApprovingOffice, approved.QuerySelector(".approval-record")!.TextContent);
            Assert.Empty(approved.QuerySelectorAll("form.narrative-form"));

            // Frozen: a section posted with a valid token is refused and nothing changes.
            var frozen = await planner.PostAsync(Informe + "&handler=Narrative", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await planner.AntiforgeryTokenAsync(Informe), ["section"] = "Conclusiones", ["text"] = "Cambio después de aprobar", ["version"] = "0",
            }));
            Assert.Contains(InformeSignOff.FrozenMessage, Alert(await planner.GetDocumentAsync(frozen.Headers.Location!.ToString())));
            Assert.False(await app.QueryAsync(db => db.EvaluationNarratives.AnyAsync(n => n.Text == "Cambio después de aprobar")));

            var published = await planner.SubmitFormAsync(Informe, new Dictionary<string, string>(), "form[action*='handler=Publish']");
            Assert.Contains("publicada en Transparencia", Alert(await planner.GetDocumentAsync(published.Headers.Location!.ToString())));
            var snapshotId = await app.QueryAsync(db => db.PeriodSnapshots.Where(s => s.Year == 2025 && s.Period == PeriodKind.SegundoSemestre).OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync());
            var publicationId = await app.QueryAsync(db => db.InformePublications.Where(p => p.SnapshotId == snapshotId).Select(p => p.Id).SingleAsync());

            var anonymous = app.CreateClient();
            var list = await anonymous.GetDocumentAsync("/Transparencia");
            Assert.NotNull(list.QuerySelector($"a[href='/Transparencia/Periodo/{publicationId}']"));
            var page = await anonymous.GetDocumentAsync($"/Transparencia/Periodo/{publicationId}");
            Assert.Contains(InformeSignOff.ApprovingOffice, page.QuerySelector("[data-testid=publicacion]")!.TextContent);
            Assert.DoesNotContain("Usuario de prueba", page.Body!.TextContent);
            var rows = page.QuerySelectorAll("table.public-files tbody tr").ToList();
            Assert.Equal(await app.QueryAsync(db => db.Set<SnapshotFile>().CountAsync(f => f.SnapshotId == snapshotId)), rows.Count);
            foreach (var row in rows)
            {
                var shown = row.QuerySelector("code.sha256")!.TextContent;
                var href = row.QuerySelector("a")!.GetAttribute("href")!;
                var first = await anonymous.GetByteArrayAsync(href);
                var second = await anonymous.GetByteArrayAsync(href);
                Assert.Equal(first, second);
                Assert.Equal(shown, Convert.ToHexStringLower(SHA256.HashData(first)));
            }

            // The published Informe is a file of the version, and it shows the approval: the office and when, never the person.
            var informe = await app.QueryAsync(db => db.Set<SnapshotFile>().AsNoTracking().SingleAsync(f => f.SnapshotId == snapshotId && f.ContentType == "application/pdf"));
            Assert.StartsWith("informe-evaluacion-", informe.Name);
            var printed = System.Text.RegularExpressions.Regex.Replace(await PdfTextAsync(informe.Content), @"\s+", " ");
            Assert.Contains($"Aprobado por {InformeSignOff.ApprovingOffice} el", printed);
            Assert.Contains("Resumen ejecutivo del II semestre aprobado por la OGPP.", printed);
            Assert.DoesNotContain("Usuario de prueba", printed);

            var figures = page.QuerySelectorAll("table.public-figures tbody tr").Count();
            Assert.Equal(await app.QueryAsync(db => db.Set<SnapshotFigure>().CountAsync(f => f.SnapshotId == snapshotId)), figures);
        }
        finally
        {
            await ReopenSecondSemesterAsync();
        }
    }

    [Fact]
    public async Task Publish_ServerWithoutChromium_IsRefusedInSpanishAndPublishesNothing()
    {
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var head = await HeadAsync();
        await using var noChromium = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("PEI_CHROMIUM", "/nonexistent/chromium"));
        try
        {
            await planner.SubmitFormAsync("/Registro/Periodos?handler=Confirm&year=2025&period=S2", new Dictionary<string, string> { ["note"] = "Cierre sin Chromium" }, "form[action*='handler=Close']");
            await head.SubmitFormAsync(Informe, new Dictionary<string, string>(), "form[action*='handler=Approve']");
            var snapshotId = await app.QueryAsync(db => db.PeriodSnapshots.Where(s => s.Year == 2025 && s.Period == PeriodKind.SegundoSemestre).OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync());
            var files = await app.QueryAsync(db => db.Set<SnapshotFile>().CountAsync(f => f.SnapshotId == snapshotId));
            var client = await AppFixture.LoginAsync(noChromium, await app.CreateUserAsync(Roles.Planificador));

            var response = await client.SubmitFormAsync(Informe, new Dictionary<string, string>(), "form[action*='handler=Publish']");

            Assert.Equal(InformeModel.NoPdfMessage, Alert(await client.GetDocumentAsync(response.Headers.Location!.ToString())));
            Assert.False(await app.QueryAsync(db => db.InformePublications.AnyAsync(p => p.SnapshotId == snapshotId)));
            Assert.Equal(files, await app.QueryAsync(db => db.Set<SnapshotFile>().CountAsync(f => f.SnapshotId == snapshotId)));
        }
        finally
        {
            await ReopenSecondSemesterAsync();
        }
    }

    /// <summary>Ends a test that closed and approved the II semestre 2025: the approval reopened, the period open again (its snapshots stay).</summary>
    private Task<int> ReopenSecondSemesterAsync() => app.QueryAsync(async db =>
    {
        await db.InformeApprovals.Where(a => a.Year == 2025 && a.Period == PeriodKind.SegundoSemestre && a.ReopenedAt == null)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.ReopenedAt, DateTimeOffset.UtcNow).SetProperty(x => x.ReopenedBy, "prueba").SetProperty(x => x.ReopenReason, "Fin de la prueba"));
        return await db.PeriodClosures.Where(c => c.Year == 2025 && c.Period == PeriodKind.SegundoSemestre).ExecuteDeleteAsync();
    });

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        try
        {
            await System.IO.File.WriteAllBytesAsync(path, pdf);
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private sealed record Published(OtherInstitution Other, int FirstPublication, int SecondPublication, int UnpublishedSnapshot, int UnpublishedFile, int PublishedFile);

    /// <summary>Another institution's plan with versions 1 and 2 of a period published (a figure changed between them) and version 3 closed but not published.</summary>
    private async Task<Published> PublishedElsewhereAsync()
    {
        var other = await OtherInstitution.CreateAsync(app);
        return await app.QueryAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            PeriodSnapshot Version(int version, decimal value, string comment) => new()
            {
                PlanId = other.PlanId, Year = 2025, Period = PeriodKind.Anual, Version = version, TakenAt = now.AddMinutes(version), TakenBy = "cierre." + other.Marker + "@otra.test",
                Figures = [new SnapshotFigure { Kind = SnapshotFigureKind.Indicador, Code = "IOEI.01.01", Name = "Indicador público", Target = 10m, Value = value, Avance = value * 10, Status = "Verde", Comment = comment }],
                Files = [File($"v{version}.csv", $"codigo;valor\nIOEI.01.01;{value}\n")],
            };
            var v1 = Version(1, 8m, "Comentario interno " + other.Marker);
            var v2 = Version(2, 9m, "Comentario interno " + other.Marker);
            var v3 = Version(3, 4m, "Borrador " + other.Marker);
            var approval = new InformeApproval { PlanId = other.PlanId, Year = 2025, Period = PeriodKind.Anual, ApprovedBy = "jefe." + other.Marker + "@otra.test", ApproverName = "Jefe " + other.Marker, ApprovingOffice = "Oficina de Planeamiento", ApprovedAt = now.AddMinutes(5) };
            db.AddRange(v1, v2, v3, approval);
            await db.SaveChangesAsync();
            var p1 = new InformePublication { SnapshotId = v1.Id, PlanId = other.PlanId, ApprovalId = approval.Id, ApprovingOffice = approval.ApprovingOffice, ApprovedAt = approval.ApprovedAt, PublishedBy = "pub." + other.Marker, PublishedAt = now.AddMinutes(6) };
            var p2 = new InformePublication { SnapshotId = v2.Id, PlanId = other.PlanId, ApprovalId = approval.Id, ApprovingOffice = approval.ApprovingOffice, ApprovedAt = approval.ApprovedAt, PublishedBy = "pub." + other.Marker, PublishedAt = now.AddMinutes(7) };
            db.AddRange(p1, p2);
            await db.SaveChangesAsync();
            return new Published(other, p1.Id, p2.Id, v3.Id, v3.Files[0].Id, v2.Files[0].Id);
        });
    }

    private static SnapshotFile File(string name, string text)
    {
        var content = System.Text.Encoding.UTF8.GetBytes(text);
        return new SnapshotFile { Name = name, ContentType = "text/csv; charset=utf-8", Content = content, Sha256 = PeriodSnapshotBuilder.Sha256(content) };
    }

    [Fact]
    public async Task Republished_AfterReopening_NewerVersionListsTheDifferencesAndTheOlderPointsToIt()
    {
        var published = await PublishedElsewhereAsync();
        var anonymous = app.CreateClient();

        var second = await anonymous.GetDocumentAsync($"/Transparencia/Periodo/{published.SecondPublication}");
        var first = await anonymous.GetDocumentAsync($"/Transparencia/Periodo/{published.FirstPublication}");

        var changes = second.QuerySelectorAll("table.public-changes tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains("IOEI.01.01 | Valor obtenido | 8 | 9", changes);
        Assert.Contains("IOEI.01.01 | Avance (%) | 80 | 90", changes);
        Assert.NotNull(first.QuerySelector($"a[href='/Transparencia/Periodo/{published.SecondPublication}']"));
    }

    [Fact]
    public async Task Anonymous_UnpublishedVersionsFilesCommentsEvidenceAndAccounts_AreNotReachable()
    {
        var published = await PublishedElsewhereAsync();
        var anonymous = app.CreateClient();
        var marker = published.Other.Marker;

        var list = await (await anonymous.GetAsync("/Transparencia")).Content.ReadAsStringAsync();
        var page = await (await anonymous.GetAsync($"/Transparencia/Periodo/{published.SecondPublication}")).Content.ReadAsStringAsync();

        Assert.Contains("Entidad " + marker, list);
        Assert.DoesNotContain("Comentario interno", page);
        Assert.DoesNotContain("Borrador", page);
        Assert.DoesNotContain("jefe." + marker, page);
        Assert.DoesNotContain("Jefe " + marker, page);
        Assert.DoesNotContain("pub." + marker, page);
        Assert.DoesNotContain("cierre." + marker, page);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Transparencia/Archivo/{published.UnpublishedFile}")).StatusCode);
        var versionIds = await app.QueryAsync(db => db.PeriodSnapshots.IgnoreQueryFilters().Where(s => s.PlanId == published.Other.PlanId).Select(s => s.Id).ToListAsync());
        var publicationIds = await app.QueryAsync(db => db.InformePublications.IgnoreQueryFilters().Select(p => p.Id).ToListAsync());
        foreach (var id in new[] { published.UnpublishedSnapshot, publicationIds.Max() + 1, 0 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/Transparencia/Periodo/{id}")).StatusCode);
        }

        foreach (var url in new[] { $"/Registro/Evidencia/{published.Other.EvidenceId}", $"/Reportes/Versiones/{versionIds[0]}", "/Reportes/Informe?anio=2025&periodo=A", "/DatosAbiertos/" + published.Other.PlanCode + "/plan.json", "/Auditoria" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Cuenta/Ingresar", StringComparison.Ordinal), $"{url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task PublicPagesAndFiles_WithTheirETag_Answer304AndArePubliclyCacheable()
    {
        var published = await PublishedElsewhereAsync();
        var anonymous = app.CreateClient();

        foreach (var url in new[] { "/Transparencia", $"/Transparencia/Periodo/{published.SecondPublication}", $"/Transparencia/Archivo/{published.PublishedFile}" })
        {
            var first = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl!.Public, url);
            var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

            var second = await anonymous.SendAsync(again);

            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            var stale = new HttpRequestMessage(HttpMethod.Get, url);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"otra-version\""));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(stale)).StatusCode);
        }

        var file = await anonymous.GetAsync($"/Transparencia/Archivo/{published.PublishedFile}");
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(await file.Content.ReadAsByteArrayAsync()))}\"", file.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task SignInPage_LinksToTransparencia()
    {
        var page = await app.CreateClient().GetDocumentAsync("/Cuenta/Ingresar");

        Assert.NotNull(page.QuerySelector("a[href='/Transparencia']"));
    }
}
