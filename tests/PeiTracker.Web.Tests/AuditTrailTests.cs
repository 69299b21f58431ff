using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests;

[Collection(AppCollection.Name)]
public class AuditTrailTests(AppFixture app)
{
    private async Task<long> AddEntryAsync(string subject, AuditKind kind = AuditKind.Meta)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A change of the ministry's plan: the audit page shows a person only the rows of their institution's plans.
        var planId = await db.Plans.Where(p => p.Institution!.PliegoCode == HomeInstitution.PliegoCode).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        db.AddAudit(DateTimeOffset.UtcNow, "auditor@test.local", kind, subject, "Campo", "1", "2", "Prueba", planId);
        await db.SaveChangesAsync();
        return await db.AuditEntries.Where(a => a.Subject == subject).Select(a => a.Id).SingleAsync();
    }

    /// <summary>The app's own role has no UPDATE or DELETE at all (Data/DatabasePrivilegesTests); even the owner meets the trigger.</summary>
    [Fact]
    public async Task AuditRow_UpdateOrDeleteByTheOwner_IsRefusedByTheTrigger()
    {
        var id = await AddEntryAsync("APPEND-ONLY");
        await using var connection = new NpgsqlConnection(app.OwnerConnectionString);
        await connection.OpenAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(async () =>
            await new NpgsqlCommand($"UPDATE audit_entries SET reason = 'x' WHERE id = {id}", connection).ExecuteNonQueryAsync());
        var delete = await Assert.ThrowsAsync<PostgresException>(async () =>
            await new NpgsqlCommand($"DELETE FROM audit_entries WHERE id = {id}", connection).ExecuteNonQueryAsync());

        Assert.Contains("append-only", update.MessageText);
        Assert.Contains("append-only", delete.MessageText);
    }

    [Fact]
    public async Task AuditPage_FilterBySubjectAndKind_ShowsOnlyMatchingRows()
    {
        await AddEntryAsync("FILTRO-AUDIT-1", AuditKind.Meta);
        await AddEntryAsync("FILTRO-AUDIT-2", AuditKind.Definicion);
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));

        var page = await client.GetDocumentAsync("/Auditoria?elemento=FILTRO-AUDIT&tipo=Meta");

        var rows = page.QuerySelectorAll("table.audit-table tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("FILTRO-AUDIT-1", row.TextContent);
    }

    [Theory]
    [InlineData(Roles.Consulta)]
    [InlineData(Roles.Registrador)]
    public async Task AuditPage_RolesWithoutPlanRights_AreDenied(string role)
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(role));

        var response = await client.GetAsync("/Auditoria");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Cuenta/AccesoDenegado", response.Headers.Location!.OriginalString);
    }
}
