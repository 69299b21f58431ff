using PeiTracker.Domain;
using PeiTracker.Web.Exports;
using PeiTracker.Web.Progress;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

/// <summary>These tests change the process's time zone: they run alone, after every parallel collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimeZoneCollection
{
    public const string Name = "time zone";
}

/// <summary>The same data give the same bytes on any machine: the exports never read the local clock or the machine's time zone.</summary>
[Collection(TimeZoneCollection.Name)]
public class XlsxTimeZoneTests
{
    // 22:30 on 30 March in Lima; 31 March in UTC and in Kiritimati (UTC+14); 30 March at 15:30 at UTC-12.
    private static readonly DateTimeOffset AsOf = new(2026, 3, 31, 3, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Exports_BuiltUnderOppositeTimeZones_AreByteIdenticalAndDatedInLima()
    {
        var plan = InMemoryPlan();

        var east = InTimeZone("Pacific/Kiritimati", TimeSpan.FromHours(14), () => Build(plan));
        var west = InTimeZone("Etc/GMT+12", TimeSpan.FromHours(-12), () => Build(plan));

        Assert.Equal(east.Matriz, west.Matriz);
        Assert.Equal(east.Seguimiento, west.Seguimiento);
        Assert.Equal("30/03/2026", new XlsxReader(west.Matriz).Text(6, 1));
        Assert.Equal("Datos al 30/03/2026", new XlsxReader(west.Seguimiento, SeguimientoReport.MainSheet).Text("B7"));
        Assert.Equal(AsOf.UtcDateTime, new XlsxReader(west.Matriz).Modified!.Value.ToUniversalTime());
    }

    [Fact]
    public void Exports_AnotherCutOff_OtherBytes()
    {
        var plan = InMemoryPlan();

        var first = Build(plan);
        var later = Build(plan, AsOf.AddSeconds(1));

        Assert.NotEqual(first.Matriz, later.Matriz);
        Assert.NotEqual(first.Seguimiento, later.Seguimiento);
    }

    private static (byte[] Matriz, byte[] Seguimiento) Build(Domain.Plan plan) => Build(plan, AsOf);

    private static (byte[] Matriz, byte[] Seguimiento) Build(Domain.Plan plan, DateTimeOffset asOf) =>
        (MatrizPeiExporter.Export(plan, asOf),
         SeguimientoReport.Build(PlanProgressService.Compute(plan, includePending: false), new ReportPeriod(2025, PeriodKind.Anual), asOf));

    private static T InTimeZone<T>(string zone, TimeSpan offset, Func<T> build)
    {
        var original = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
            Assert.Equal(offset, TimeZoneInfo.Local.GetUtcOffset(AsOf));
            return build();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", original);
            TimeZoneInfo.ClearCachedData();
        }
    }

    /// <summary>One OEI with an indicator and one AEI with another, formula-like text included, a validated 2025 value each.</summary>
    private static Domain.Plan InMemoryPlan()
    {
        var unit = new OrganizationalUnit { Id = 1, Name = "Dirección de prueba", Acronym = "DP" };
        Indicator Indicator(int id, string name) => new()
        {
            Id = id, Key = $"I.{id}", PublishedCode = $"I.{id}", Name = name, Unit = UnitOfMeasure.Porcentaje, Decimals = 1, BaselineYear = 2024, BaselineValue = 50.5m,
            Targets = [.. Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 60m + y - 2025 })],
            Values = [new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = 57.25m, Status = ValueStatus.Validado, CreatedBy = "prueba" }],
            ResponsibleUnits = [new IndicatorResponsibleUnit { UnitId = unit.Id, Unit = unit }],
        };
        var first = Indicator(1, "=SUMA(A1:A2)");
        var second = Indicator(2, "Tasa de atención");
        var action = new StrategicAction { Id = 1, Code = "AEI.01.01", Statement = "-Acción con guion", Priority = 1, Indicators = [second] };
        var objective = new StrategicObjective { Id = 1, Code = "OEI.01", Statement = "Objetivo uno", Priority = 1, Indicators = [first], Actions = [action] };
        return new Domain.Plan
        {
            Id = 1,
            Code = "PEI-PRUEBA",
            Name = "Plan de prueba",
            FirstYear = 2025,
            LastYear = 2030,
            Institution = new Institution { PliegoCode = "008", Name = "Ministerio de prueba", Sector = "Sector de prueba", GovernmentLevel = "Nacional" },
            Objectives = [objective],
            Indicators = [first, second],
        };
    }
}
