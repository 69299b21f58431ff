using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Domain.Entry;
using PeiTracker.Web.Data;
using PeiTracker.Web.Entry;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>
/// A value, its evidence and its audit row are one transaction: a failure between the statements
/// (as when the process dies or the database drops mid-save) leaves none of them.
/// </summary>
[Collection(AppCollection.Name)]
public class ValueSaveAtomicityTests(AppFixture app)
{
    /// <summary>Lets the first INSERT/UPDATE of a save run, then fails the next one.</summary>
    private sealed class FailSecondWrite : DbCommandInterceptor
    {
        public int WritesExecuted { get; private set; }

        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            FailIfSecondWrite(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            FailIfSecondWrite(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void FailIfSecondWrite(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (!Armed || !(sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            if (WritesExecuted == 1)
            {
                throw new InvalidOperationException("Injected failure between the statements of one save.");
            }

            WritesExecuted++;
        }
    }

    [Fact]
    public async Task SaveValue_FailureAfterTheFirstStatement_LeavesNoValueEvidenceOrAuditRow()
    {
        var indicator = await app.QueryAsync(db => db.Indicators.AsNoTracking()
            .Where(i => i.Unit != UnitOfMeasure.Indice && !i.CollectedByPoint && !i.Values.Any(v => v.Year == 2025)).OrderByDescending(i => i.Id).Skip(1).FirstAsync());
        var interceptor = new FailSecondWrite();
        // One statement per command, so the failure falls between the value's statements, not before the batch.
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<AppDbContext>(options => options
                .UseNpgsql(npgsql => npgsql.MaxBatchSize(1))
                .AddInterceptors(interceptor))));
        var auditBefore = await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == indicator.Id));
        var evidenceBefore = await app.QueryAsync(db => db.Evidence.CountAsync());
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, AppFixture.AdminEmail), new Claim(ClaimTypes.Role, Roles.Administrador)], "Test"));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var entry = scope.ServiceProvider.GetRequiredService<ValueEntryService>();
            interceptor.Armed = true;
            await Assert.ThrowsAnyAsync<Exception>(() => entry.SubmitAsync(user, new ValueSubmission(
                indicator.Id, 2025, PeriodKind.Anual, "1", "Prueba de atomicidad", null, WorkflowAction.Guardar, null, [("acta.pdf", pdf)])));
        }

        Assert.Equal(1, interceptor.WritesExecuted);
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == indicator.Id && v.Year == 2025 && v.Period == PeriodKind.Anual)));
        Assert.Equal(evidenceBefore, await app.QueryAsync(db => db.Evidence.CountAsync()));
        Assert.Equal(auditBefore, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == indicator.Id)));
    }
}
