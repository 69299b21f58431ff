using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Articulation;
using PeiTracker.Web.Data;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// Plan data reached by its own id rather than through a plan (an articulation link, a reported version and its
/// files): another institution's answers 404 to the home institution's planning office, and nothing changes.
/// </summary>
[Collection(AppCollection.Name)]
public class CrossInstitutionPlanDataTests(AppFixture app)
{
    private sealed record Theirs(OtherInstitution Other, int LinkId, int SnapshotId, int FileId);

    private async Task<Theirs> CreateAsync()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var (linkId, snapshotId, fileId) = await app.QueryAsync(async db =>
        {
            var sectoral = new SectoralPlan { PlanId = other.PlanId, Code = "PESEM-" + other.Marker, Name = "PESEM " + other.Marker, FirstYear = 2024, LastYear = 2030 };
            var objective = new SectoralObjective { SectoralPlan = sectoral, Code = "OES.01", Statement = "Objetivo " + other.Marker };
            sectoral.Objectives.Add(objective);
            var link = new SectoralLink { PlanId = other.PlanId, ObjectiveId = other.ObjectiveId, SectoralPlan = sectoral, SectoralObjective = objective, CausalExplanation = "Relación " + other.Marker };
            var content = System.Text.Encoding.UTF8.GetBytes("codigo\n" + other.Marker);
            var snapshot = new PeriodSnapshot
            {
                PlanId = other.PlanId, Year = 2025, Period = PeriodKind.Anual, Version = 1, TakenAt = DateTimeOffset.UtcNow, TakenBy = "otra@entidad",
                Figures = [new SnapshotFigure { Kind = SnapshotFigureKind.Plan, Code = other.PlanCode, Name = "Plan " + other.Marker, Status = "Sin dato" }],
                Files = [new SnapshotFile { Name = "avance.csv", ContentType = "text/csv", Content = content, Sha256 = PeriodSnapshotBuilder.Sha256(content) }],
            };
            db.AddRange(sectoral, link, snapshot);
            await db.SaveChangesAsync();
            return (link.Id, snapshot.Id, snapshot.Files[0].Id);
        });
        return new Theirs(other, linkId, snapshotId, fileId);
    }

    [Fact]
    public async Task ArticulationAndVersionPages_OfAnotherInstitution_AreNotFoundAndShowNothingOfIt()
    {
        var theirs = await CreateAsync();
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        foreach (var url in new[]
        {
            $"/Plan/Articulacion/Relacion/{theirs.LinkId}",
            $"/Reportes/Versiones/{theirs.SnapshotId}",
            $"/Reportes/Versiones/{theirs.SnapshotId}?handler=Archivo&archivo={theirs.FileId}",
        })
        {
            var response = await planner.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            Assert.DoesNotContain(theirs.Other.Marker, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var list = await planner.GetAsync("/Reportes/Versiones");
        Assert.DoesNotContain(theirs.Other.Marker, await list.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CausalTextOfAnotherInstitution_PostedWithAValidToken_IsNotFoundAndStaysAsItWas()
    {
        var theirs = await CreateAsync();
        var planner = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var token = await planner.AntiforgeryTokenAsync("/Registro/Periodos");

        var response = await planner.PostAsync($"/Plan/Articulacion/Relacion/{theirs.LinkId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Texto"] = "Reescrito", ["Motivo"] = "Prueba", ["Version"] = "1",
        }));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Relación " + theirs.Other.Marker, await app.QueryAsync(db => db.SectoralLinks.IgnoreQueryFilters().Where(l => l.Id == theirs.LinkId).Select(l => l.CausalExplanation).SingleAsync()));
    }

    [Fact]
    public async Task OutboxOfAnotherInstitution_IsNeitherListedNorResentByTheHomeAdministrator()
    {
        var other = await OtherInstitution.CreateAsync(app);
        var noticeId = await app.QueryAsync(async db =>
        {
            var notice = new Web.Notices.OutboxNotice
            {
                EventId = Guid.NewGuid(), Kind = Web.Notices.NoticeKind.ValorEnviado, Recipient = "ogpp@otra.test", RecipientName = "OGPP " + other.Marker,
                Subject = "Valor enviado " + other.Marker, Body = "Cuerpo " + other.Marker, IndicatorId = other.IndicatorId,
                CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddYears(1),
            };
            db.OutboxNotices.Add(notice);
            await db.SaveChangesAsync();
            return notice.Id;
        });
        var admin = await app.LoginAsync();

        var page = await admin.GetAsync("/Administracion/Avisos");
        var token = await admin.AntiforgeryTokenAsync("/Administracion/Avisos");
        await admin.PostAsync("/Administracion/Avisos?handler=Resend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["id"] = noticeId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = "0",
        }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(other.Marker, await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.QueryAsync(db => db.OutboxNotices.IgnoreQueryFilters().Where(n => n.Id == noticeId).Select(n => n.Resends).SingleAsync()));
    }
}
