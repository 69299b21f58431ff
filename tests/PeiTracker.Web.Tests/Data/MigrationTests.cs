using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Data;

[Collection(AppCollection.Name)]
public class MigrationTests(AppFixture app)
{
    [Fact]
    public async Task Startup_AppliesEveryCommittedMigration()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var applied = await db.Database.GetAppliedMigrationsAsync();

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Model_MatchesTheLastMigration()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task Figures_AreStoredAsNumericNeverDouble()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name || '.' || column_name FROM information_schema.columns " +
            "WHERE table_schema = 'public' AND data_type IN ('double precision', 'real')", connection);
        var doubles = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            doubles.Add(reader.GetString(0));
        }

        Assert.Empty(doubles);
    }

    [Fact]
    public async Task Indicator_WithBothObjectiveAndAction_IsRejectedByTheDatabase()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var action = await db.Actions.FirstAsync();
        db.Indicators.Add(new Indicator
        {
            PlanId = action.PlanId,
            ObjectiveId = action.ObjectiveId,
            ActionId = action.Id,
            Key = "TEST.DOS.DUENOS",
            PublishedCode = "TEST",
            Name = "Indicador con dos dueños",
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Contains("ck_indicators_single_owner", error.InnerException!.Message);
    }

    [Fact]
    public async Task IndicatorKey_DuplicatedInAPlan_IsRejectedByTheDatabase()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var existing = await db.Indicators.AsNoTracking().FirstAsync();
        db.Indicators.Add(new Indicator
        {
            PlanId = existing.PlanId,
            ObjectiveId = existing.ObjectiveId,
            ActionId = existing.ActionId,
            Key = existing.Key,
            PublishedCode = existing.PublishedCode,
            Name = "Duplicado",
        });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, ((PostgresException)error.InnerException!).SqlState);
    }

    [Fact]
    public async Task Value_SecondForTheSamePeriod_IsRejectedByTheDatabase()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var indicator = await db.Indicators.OrderByDescending(i => i.Id).FirstAsync();
        IndicatorValue NewValue() => new()
        {
            IndicatorId = indicator.Id,
            Year = 2025,
            Period = PeriodKind.PrimerSemestre,
            Value = 10m,
            CreatedBy = "prueba",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Values.Add(NewValue());
        await db.SaveChangesAsync();
        db.Values.Add(NewValue());

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, ((PostgresException)error.InnerException!).SqlState);
    }

    [Fact]
    public async Task Value_DecimalFigure_RoundTripsExactly()
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var indicator = await db.Indicators.OrderBy(i => i.Id).FirstAsync();
        db.Values.Add(new IndicatorValue
        {
            IndicatorId = indicator.Id,
            Year = 2026,
            Period = PeriodKind.SegundoSemestre,
            Value = 0.1m + 0.2m,
            CreatedBy = "prueba",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var stored = await db.Values.SingleAsync(v => v.IndicatorId == indicator.Id && v.Year == 2026 && v.Period == PeriodKind.SegundoSemestre);

        Assert.Equal(0.3m, stored.Value);
    }
}
