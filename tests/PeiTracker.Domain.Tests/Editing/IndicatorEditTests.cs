using System.Globalization;
using PeiTracker.Domain.Editing;

namespace PeiTracker.Domain.Tests.Editing;

/// <summary>The rules of an indicator's write operations, one per test, with the message a person reads.</summary>
public class IndicatorEditTests
{
    /// <summary>2025 and 2026 have started: their targets are revised, never erased.</summary>
    private const int CurrentYear = 2026;

    private static readonly IReadOnlyDictionary<int, string> Units = new Dictionary<int, string>
    {
        [1] = "Dirección General de América (DGA)",
        [2] = "Oficina General de Planeamiento (OGPP)",
    };

    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Targets 2025-2030 as given; baseline 40 measured in 2023.</summary>
    private static Indicator Make(UnitOfMeasure unit, string targets = "50 55 60 65 70 75", string? baseline = "40", bool allowsOver100 = false) => new()
    {
        Id = 7,
        Key = "IOEI.01.01",
        PublishedCode = "IOEI.01.01",
        Name = "Porcentaje de connacionales atendidos",
        Unit = unit,
        AllowsOver100 = allowsOver100,
        Relevance = 2,
        Decimals = 1,
        BaselineYear = baseline is null ? null : 2023,
        BaselineValue = baseline is null ? null : D(baseline),
        ResponsibleUnits = [new IndicatorResponsibleUnit { IndicatorId = 7, UnitId = 1 }],
        Targets = targets.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select((t, i) => new AnnualTarget { IndicatorId = 7, Year = 2025 + i, Value = D(t) })
            .ToList(),
    };

    private static string Figures(Indicator indicator) =>
        $"{indicator.Baseline.Describe()} | {string.Join(" ", indicator.Targets.OrderBy(t => t.Year).Select(t => $"{t.Year}={DecimalText.Show(t.Value)}"))}";

    private static Dictionary<int, decimal?> Target(int year, string? value) => new() { [year] = value is null ? null : D(value) };

    private static IndicatorDefinition DefinitionOf(Indicator i) => new()
    {
        Name = i.Name,
        Unit = i.Unit,
        Direction = i.Direction,
        LimitKind = i.LimitKind,
        PermissibleLimit = i.PermissibleLimit,
        Aggregation = i.Aggregation,
        Relevance = i.Relevance,
        Decimals = i.Decimals,
        AllowsOver100 = i.AllowsOver100,
        Justification = i.Justification,
        LimitationsAndAssumptions = i.LimitationsAndAssumptions,
        CalculationMethod = i.CalculationMethod,
        DataSource = i.DataSource,
        UnitIds = i.ResponsibleUnits.Select(u => u.UnitId).ToList(),
    };

    // ---- Targets: the unit's range -----------------------------------------------------------

    [Theory]
    [InlineData(UnitOfMeasure.Numero, false, "12.5", "Número: el valor debe ser un número entero.")]
    [InlineData(UnitOfMeasure.Numero, false, "-1", "Número: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Cantidad, false, "0.5", "Cantidad: el valor debe ser un número entero.")]
    [InlineData(UnitOfMeasure.Porcentaje, false, "150", "Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).")]
    [InlineData(UnitOfMeasure.Porcentaje, true, "-1", "Un porcentaje no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Indice, false, "-0.1", "Un índice no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Ratio, false, "-2", "Ratio: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Tasa, false, "-2", "Tasa: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.Promedio, false, "-2", "Promedio: el valor no puede ser negativo.")]
    [InlineData(UnitOfMeasure.TasaVariacion, false, "1.00001", "Use como máximo 4 decimales.")]
    public void SetTargets_FigureOutsideTheUnitsRules_IsRefusedWithItsMessageAndChangesNothing(UnitOfMeasure unit, bool allowsOver100, string value, string message)
    {
        var indicator = Make(unit, allowsOver100: allowsOver100);
        var before = Figures(indicator);

        var result = indicator.SetTargets(Target(2027, value), CurrentYear, "Reprogramación");

        Assert.Equal(new Dictionary<string, string> { ["Targets[2027]"] = message }, result.Errors);
        Assert.Empty(result.Changes);
        Assert.Equal(before, Figures(indicator));
    }

    [Theory]
    [InlineData(UnitOfMeasure.Porcentaje, true, "150")]
    [InlineData(UnitOfMeasure.Porcentaje, false, "100")]
    [InlineData(UnitOfMeasure.Numero, false, "12")]
    [InlineData(UnitOfMeasure.TasaVariacion, false, "-12.5")]
    [InlineData(UnitOfMeasure.Promedio, false, "1.2345")]
    public void SetTargets_FigureWithinTheUnitsRules_IsApplied(UnitOfMeasure unit, bool allowsOver100, string value)
    {
        var indicator = Make(unit, allowsOver100: allowsOver100);

        var result = indicator.SetTargets(Target(2027, value), CurrentYear, "Reprogramación");

        Assert.True(result.IsValid);
        Assert.Equal(D(value), indicator.TargetFor(2027));
    }

    [Fact]
    public void SetTargets_FiguresAlreadyStoredOutsideTheRules_DoNotBlockAnotherYear()
    {
        var indicator = Make(UnitOfMeasure.Numero, targets: "10 12.5 14 16 18 20");

        var result = indicator.SetTargets(Target(2030, "21"), CurrentYear, "Reprogramación");

        Assert.True(result.IsValid);
    }

    // ---- Targets: an index read as 0-1 -------------------------------------------------------

    [Theory]
    [InlineData("0.5 0.55 0.6 0.65 0.7 0.75", "0.5", 2027, "57.6", false)]
    [InlineData("0.5 0.55 0.6 0.65 0.7 0.75", "0.5", 2027, "0.8", true)]
    [InlineData("50 55 60 65 70 75", "40", 2027, "57.6", true)]
    [InlineData("0.5", null, 2026, "57.6", true)]
    public void SetTargets_IndexFigureAboveOne_IsRefusedOnlyWhenTheFiguresKeptAreAllBetweenZeroAndOne(string targets, string? baseline, int year, string value, bool accepted)
    {
        var indicator = Make(UnitOfMeasure.Indice, targets, baseline);

        var result = indicator.SetTargets(Target(year, value), CurrentYear, "Reprogramación");

        Assert.Equal(accepted, result.IsValid);
        Assert.Equal(accepted ? null : "Este índice se mide entre 0 y 1 (su línea base y sus metas lo están).", result.Errors.GetValueOrDefault($"Targets[{year}]"));
    }

    [Fact]
    public void SetFigures_IndexMovedToAnotherScaleInOneEdit_IsAccepted()
    {
        var indicator = Make(UnitOfMeasure.Indice, "0.5 0.55 0.6 0.65 0.7 0.75", baseline: "0.45");
        var targets = Enumerable.Range(2025, 6).ToDictionary(y => y, y => (decimal?)((y - 2015) * 5m));

        var result = indicator.SetFigures(new Baseline(2023, 45m), targets, CurrentYear, "Índice expresado de 0 a 100");

        Assert.True(result.IsValid, string.Join(" ", result.Errors.Values));
        Assert.Equal("45 (2023) | 2025=50 2026=55 2027=60 2028=65 2029=70 2030=75", Figures(indicator));
    }

    // ---- Targets: revisions and erasing ------------------------------------------------------

    [Fact]
    public void SetTargets_FutureYearChanged_ReportsTheTrueBeforeAndAfter()
    {
        var indicator = Make(UnitOfMeasure.Numero, "10 10 10 10 10 10");

        var result = indicator.SetTargets(Target(2029, "12"), CurrentYear, "Reprogramación");

        Assert.Equal([new FieldChange(AuditKind.Meta, "Logro esperado 2029", "10", "12")], result.Changes);
        var target = indicator.Targets.Single(t => t.Year == 2029);
        Assert.Equal((12m, (decimal?)null), (target.Value, target.OriginalValue));
    }

    [Fact]
    public void SetTargets_StartedYearRevisedTwice_KeepsTheFirstValueAndEachChangeReadsTrue()
    {
        var indicator = Make(UnitOfMeasure.Numero, "10 10 10 10 10 10");

        var first = indicator.SetTargets(Target(2026, "12"), CurrentYear, "Primera revisión");
        var second = indicator.SetTargets(Target(2026, "13"), CurrentYear, "Segunda revisión");

        Assert.Equal([new FieldChange(AuditKind.Meta, "Logro esperado 2026 (revisión)", "10", "12")], first.Changes);
        Assert.Equal([new FieldChange(AuditKind.Meta, "Logro esperado 2026 (revisión)", "12", "13")], second.Changes);
        var target = indicator.Targets.Single(t => t.Year == 2026);
        Assert.Equal((13m, 10m, "Segunda revisión"), (target.Value, target.OriginalValue!.Value, target.RevisionReason));
    }

    [Fact]
    public void SetTargets_ErasingAStartedYear_IsRefused()
    {
        var indicator = Make(UnitOfMeasure.Numero, "10 10 10 10 10 10");

        var result = indicator.SetTargets(Target(2026, null), CurrentYear, "Borrar");

        Assert.Equal("No se puede borrar el logro esperado de 2026, un año ya iniciado; revíselo con un nuevo valor.", result.Errors["Targets[2026]"]);
        Assert.Equal(10m, indicator.TargetFor(2026));
    }

    [Fact]
    public void SetTargets_ErasingAFutureYear_RemovesIt()
    {
        var indicator = Make(UnitOfMeasure.Numero, "10 10 10 10 10 75");

        var result = indicator.SetTargets(Target(2030, null), CurrentYear, "Sin meta");

        Assert.Equal([new FieldChange(AuditKind.Meta, "Logro esperado 2030", "75", null)], result.Changes);
        Assert.Null(indicator.TargetFor(2030));
    }

    [Fact]
    public void SetTargets_FirstTargetOfAStartedYear_IsAnAdditionNotARevision()
    {
        var indicator = Make(UnitOfMeasure.Numero, "");

        var result = indicator.SetTargets(Target(2025, "5"), CurrentYear, "Metas cargadas");

        Assert.Equal([new FieldChange(AuditKind.Meta, "Logro esperado 2025", null, "5")], result.Changes);
        Assert.Null(indicator.Targets.Single().OriginalValue);
    }

    [Fact]
    public void SetTargets_SameValuesAsStoredWithTheDatabasesScale_IsNoChange()
    {
        var indicator = Make(UnitOfMeasure.Numero, "10.000000 10 10 10 10 10");

        var result = indicator.SetTargets(new Dictionary<int, decimal?> { [2025] = 10m, [2027] = 10m, [2028] = 10m }, CurrentYear, "Sin cambios");

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void SetTargets_SeveralWrongYears_ReportsEachAndChangesNothing()
    {
        var indicator = Make(UnitOfMeasure.Numero, "10 10 10 10 10 10");
        var before = Figures(indicator);

        var result = indicator.SetTargets(new Dictionary<int, decimal?> { [2025] = null, [2028] = 12m, [2029] = 12.5m, [2030] = -1m }, CurrentYear, "Varios");

        Assert.Equal(["Targets[2025]", "Targets[2029]", "Targets[2030]"], result.Errors.Keys.Order());
        Assert.Equal(before, Figures(indicator));
    }

    // ---- Baseline ------------------------------------------------------------------------------

    [Theory]
    [InlineData(1999, "40", "BaselineYear", "El año de la línea base debe ser un año entre 2000 y 2100.")]
    [InlineData(2101, null, "BaselineYear", "El año de la línea base debe ser un año entre 2000 y 2100.")]
    [InlineData(null, "40", "BaselineYear", "Indique el año de la línea base.")]
    [InlineData(2023, "150", "BaselineValue", "Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100).")]
    [InlineData(2023, "-3", "BaselineValue", "Un porcentaje no puede ser negativo.")]
    public void SetFigures_BaselineBreakingARule_IsRefusedWithItsMessage(int? year, string? value, string key, string message)
    {
        var indicator = Make(UnitOfMeasure.Porcentaje);

        var result = indicator.SetFigures(new Baseline(year, value is null ? null : D(value)), Target(2027, "60"), CurrentYear, "Corrección");

        Assert.Equal(new Dictionary<string, string> { [key] = message }, result.Errors);
        Assert.Equal("40 (2023)", indicator.Baseline.Describe());
    }

    [Theory]
    [InlineData(2024, "41.5", "41.5 (2024)")]
    [InlineData(2023, null, "sin valor (2023)")]
    [InlineData(null, null, null)]
    public void SetFigures_BaselineChanged_IsOneChangeOfYearAndValue(int? year, string? value, string? after)
    {
        var indicator = Make(UnitOfMeasure.Porcentaje);

        var result = indicator.SetFigures(new Baseline(year, value is null ? null : D(value)), new Dictionary<int, decimal?>(), CurrentYear, "Corrección");

        Assert.Equal([new FieldChange(AuditKind.LineaBase, "Línea base", "40 (2023)", after)], result.Changes);
        Assert.Equal(after, indicator.Baseline.Describe());
    }

    // ---- Definition ----------------------------------------------------------------------------

    [Theory]
    [InlineData("empty-name", "Name", "El nombre del indicador es obligatorio.")]
    [InlineData("long-name", "Name", "El nombre no puede superar los 1000 caracteres.")]
    [InlineData("unknown-unit", "Unit", "Elija una unidad de medida de la lista.")]
    [InlineData("unknown-direction", "Direction", "Elija un sentido esperado de la lista.")]
    [InlineData("unknown-aggregation", "Aggregation", "Elija un tipo de agregación de la lista.")]
    [InlineData("no-limit-kind", "LimitKind", "Un indicador de sentido «no definido» necesita un máximo o mínimo permisible.")]
    [InlineData("unknown-limit-kind", "LimitKind", "Elija un límite permisible de la lista.")]
    [InlineData("no-limit", "PermissibleLimit", "Indique el valor del límite permisible.")]
    [InlineData("relevance-0", "Relevance", "La relevancia debe ser 1 (muy relevante), 2 (relevante) o 3 (poco relevante).")]
    [InlineData("relevance-4", "Relevance", "La relevancia debe ser 1 (muy relevante), 2 (relevante) o 3 (poco relevante).")]
    [InlineData("decimals-negative", "Decimals", "Los decimales deben estar entre 0 y 4.")]
    [InlineData("decimals-5", "Decimals", "Los decimales deben estar entre 0 y 4.")]
    [InlineData("long-justification", "Justification", "Máximo 4000 caracteres.")]
    [InlineData("long-limitations", "LimitationsAndAssumptions", "Máximo 4000 caracteres.")]
    [InlineData("long-method", "CalculationMethod", "Máximo 4000 caracteres.")]
    [InlineData("long-source", "DataSource", "Máximo 4000 caracteres.")]
    [InlineData("no-units", "UnitIds", "Elija al menos una unidad responsable.")]
    [InlineData("foreign-unit", "UnitIds", "Una de las unidades elegidas no pertenece a la institución.")]
    public void EditDefinition_FieldBreakingARule_IsRefusedWithItsMessageAndChangesNothing(string @case, string key, string message)
    {
        var indicator = Make(UnitOfMeasure.Porcentaje);
        var valid = DefinitionOf(indicator) with { Name = "Nombre corregido" };
        var definition = @case switch
        {
            "empty-name" => valid with { Name = "   " },
            "long-name" => valid with { Name = new string('x', 1001) },
            "unknown-unit" => valid with { Unit = (UnitOfMeasure)99 },
            "unknown-direction" => valid with { Direction = (Direction)99 },
            "unknown-aggregation" => valid with { Aggregation = (Aggregation)99 },
            "no-limit-kind" => valid with { Direction = Direction.NoDefinido, PermissibleLimit = 5m },
            "unknown-limit-kind" => valid with { Direction = Direction.NoDefinido, LimitKind = (PermissibleLimitKind)99, PermissibleLimit = 5m },
            "no-limit" => valid with { Direction = Direction.NoDefinido, LimitKind = PermissibleLimitKind.Maximo },
            "relevance-0" => valid with { Relevance = 0 },
            "relevance-4" => valid with { Relevance = 4 },
            "decimals-negative" => valid with { Decimals = -1 },
            "decimals-5" => valid with { Decimals = 5 },
            "long-justification" => valid with { Justification = new string('x', 4001) },
            "long-limitations" => valid with { LimitationsAndAssumptions = new string('x', 4001) },
            "long-method" => valid with { CalculationMethod = new string('x', 4001) },
            "long-source" => valid with { DataSource = new string('x', 4001) },
            "no-units" => valid with { UnitIds = [] },
            "foreign-unit" => valid with { UnitIds = [1, 99] },
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        var result = indicator.EditDefinition(definition, indicator.Baseline, Units);

        Assert.Equal(new Dictionary<string, string> { [key] = message }, result.Errors);
        Assert.Equal("Porcentaje de connacionales atendidos", indicator.Name);
    }

    [Fact]
    public void EditDefinition_UnitBecomesNumeroWithAFractionalTarget_IsRefusedOnTheUnit()
    {
        var indicator = Make(UnitOfMeasure.Porcentaje, "50 55 12.5 65 70 75");

        var result = indicator.EditDefinition(DefinitionOf(indicator) with { Unit = UnitOfMeasure.Numero }, indicator.Baseline, Units);

        Assert.Equal(
            new Dictionary<string, string> { ["Unit"] = "El logro esperado 2027 (12.5) no cumple esta definición: Número: el valor debe ser un número entero. Corrija esa cifra antes de cambiar la definición." },
            result.Errors);
        Assert.Equal(UnitOfMeasure.Porcentaje, indicator.Unit);
    }

    [Fact]
    public void EditDefinition_Over100NoLongerAllowedWithABaselineAbove100_IsRefusedOnThatField()
    {
        var indicator = Make(UnitOfMeasure.Porcentaje, baseline: "120", allowsOver100: true);

        var result = indicator.EditDefinition(DefinitionOf(indicator) with { AllowsOver100 = false }, indicator.Baseline, Units);

        Assert.Equal(
            "La línea base (120) no cumple esta definición: Un porcentaje debe estar entre 0 y 100 (este indicador no admite más de 100). Corrija esa cifra antes de cambiar la definición.",
            result.Errors["AllowsOver100"]);
    }

    [Fact]
    public void EditDefinition_NewUnitAndNewBaseline_JudgesTheBaselineByTheNewUnit()
    {
        var indicator = Make(UnitOfMeasure.Porcentaje, "50 55 60 65 70 75");

        var result = indicator.EditDefinition(DefinitionOf(indicator) with { Unit = UnitOfMeasure.Numero }, new Baseline(2023, 40.5m), Units);

        Assert.Equal(new Dictionary<string, string> { ["BaselineValue"] = "Número: el valor debe ser un número entero." }, result.Errors);
    }

    [Fact]
    public void EditDefinition_Changes_AreReportedWithTheirTrueBeforeAndAfter()
    {
        var indicator = Make(UnitOfMeasure.Porcentaje);
        indicator.Inferred = InferredFields.Unit | InferredFields.Direction;
        var definition = DefinitionOf(indicator) with
        {
            Name = "  Número de connacionales atendidos ",
            Unit = UnitOfMeasure.Numero,
            Direction = Direction.NoDefinido,
            LimitKind = PermissibleLimitKind.Maximo,
            PermissibleLimit = 5m,
            Decimals = 0,
            DataSource = "  Registro de la DGA  ",
            UnitIds = [2, 1, 2],
            MarkReviewed = true,
        };

        var result = indicator.EditDefinition(definition, new Baseline(2024, 41m), Units);

        Assert.Equal(
            [
                new FieldChange(AuditKind.Definicion, "Nombre", "Porcentaje de connacionales atendidos", "Número de connacionales atendidos"),
                new FieldChange(AuditKind.Definicion, "Unidad de medida", "Porcentaje", "Número"),
                new FieldChange(AuditKind.Definicion, "Sentido esperado", "Ascendente", "No definido"),
                new FieldChange(AuditKind.Definicion, "Límite permisible", null, "Máximo permisible: 5"),
                new FieldChange(AuditKind.Definicion, "Decimales", "1", "0"),
                new FieldChange(AuditKind.Definicion, "Fuente de datos", null, "Registro de la DGA"),
                new FieldChange(AuditKind.LineaBase, "Línea base", "40 (2023)", "41 (2024)"),
                new FieldChange(AuditKind.Definicion, "Unidades responsables", "Dirección General de América (DGA)", "Dirección General de América (DGA); Oficina General de Planeamiento (OGPP)"),
                new FieldChange(AuditKind.Definicion, "Campos inferidos", "Unidad de medida, Sentido esperado", "Ninguno"),
            ],
            result.Changes);
        Assert.Equal(("Número de connacionales atendidos", UnitOfMeasure.Numero, "Registro de la DGA", InferredFields.None), (indicator.Name, indicator.Unit, indicator.DataSource, indicator.Inferred));
        Assert.Equal([1, 2], indicator.ResponsibleUnits.Select(u => u.UnitId).Order());
    }

    [Fact]
    public void EditDefinition_DirectionNoLongerNoDefinido_DropsTheLimit()
    {
        var indicator = Make(UnitOfMeasure.Porcentaje);
        indicator.Direction = Direction.NoDefinido;
        indicator.LimitKind = PermissibleLimitKind.Minimo;
        indicator.PermissibleLimit = 10m;

        var result = indicator.EditDefinition(DefinitionOf(indicator) with { Direction = Direction.Ascendente }, indicator.Baseline, Units);

        Assert.Contains(new FieldChange(AuditKind.Definicion, "Límite permisible", "Mínimo permisible: 10", null), result.Changes);
        Assert.Equal(((PermissibleLimitKind?)null, (decimal?)null), (indicator.LimitKind, indicator.PermissibleLimit));
    }

    [Fact]
    public void EditDefinition_SameDefinition_IsNoChange()
    {
        var indicator = Make(UnitOfMeasure.Porcentaje);

        var result = indicator.EditDefinition(DefinitionOf(indicator), new Baseline(2023, 40.000000m), Units);

        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
    }
}
