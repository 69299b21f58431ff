using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;

namespace PeiTracker.Domain.Tests.Progress;

/// <summary>The state of every kind of period: one meaning per state, whatever reader shows it.</summary>
public class PeriodStateTests
{
    private static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static (int Year, PeriodKind Period) Key(string text) =>
        (int.Parse(text[..4], CultureInfo.InvariantCulture),
         text.EndsWith("S1", StringComparison.Ordinal) ? PeriodKind.PrimerSemestre : text.EndsWith("S2", StringComparison.Ordinal) ? PeriodKind.SegundoSemestre : PeriodKind.Anual);

    private static IEnumerable<string[]> Pairs(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='));

    /// <summary>Annual targets "2026=10"; semester targets, values and pending periods as "2026S1=4", "2026" or "2026S1".</summary>
    internal static IndicatorInput Ind(
        string targets = "",
        string values = "",
        string semesterTargets = "",
        string pending = "",
        Aggregation aggregation = Aggregation.NoAgregable,
        Direction direction = Direction.Ascendente,
        UnitOfMeasure unit = UnitOfMeasure.Numero,
        string? baseline = null,
        int baselineYear = 2024,
        string key = "K",
        PermissibleLimitKind? limitKind = null,
        string? limit = null,
        bool allowsOver100 = false,
        int decimals = 1) =>
        new(key, key, unit, direction, aggregation, 2, decimals,
            baseline is null ? null : baselineYear, baseline is null ? null : D(baseline),
            Pairs(targets).ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => D(p[1])),
            Pairs(values).Select(p => (Period: Key(p[0]), Value: D(p[1]))).Select(v => new PeriodValue(v.Period.Year, v.Period.Period, v.Value)).ToList(),
            limitKind, limit is null ? null : D(limit), allowsOver100,
            Pairs(semesterTargets).ToDictionary(p => Key(p[0]), p => D(p[1])),
            pending.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Key).ToHashSet());

    internal static IndicatorProgress Calc(IndicatorInput input, PlanSettings? settings = null) =>
        ProgressCalculator.Calculate(input, settings ?? new PlanSettings(), 2025, 2030);

    [Theory]
    // A year: judged against its own logro esperado.
    [InlineData("A", Aggregation.NoAgregable, "2026=46", "", "2026=46", "", ProgressStatus.Verde, "46", ExpectationSource.Anual, false)]
    [InlineData("A", Aggregation.NoAgregable, "2026=46", "", "", "", ProgressStatus.SinDato, "46", ExpectationSource.Anual, false)]
    [InlineData("A", Aggregation.NoAgregable, "2026=46", "", "", "2026", ProgressStatus.SinDato, "46", ExpectationSource.Anual, true)]
    [InlineData("A", Aggregation.NoAgregable, "", "", "2026=46", "", ProgressStatus.SinMeta, null, ExpectationSource.Ninguna, false)]
    [InlineData("A", Aggregation.NoAgregable, "", "", "", "", ProgressStatus.SinMeta, null, ExpectationSource.Ninguna, false)]
    [InlineData("A", Aggregation.Agregable, "2026=10", "", "2026=7", "", ProgressStatus.Rojo, "10", ExpectationSource.Anual, false)]
    // A semester with an annual target and no value is "sin dato", never "sin meta".
    [InlineData("S1", Aggregation.NoAgregable, "2026=46", "", "", "", ProgressStatus.SinDato, "46", ExpectationSource.MetaAnual, false)]
    [InlineData("S1", Aggregation.NoAgregable, "2026=46", "", "", "2026S1", ProgressStatus.SinDato, "46", ExpectationSource.MetaAnual, true)]
    [InlineData("S2", Aggregation.NoAgregable, "2026=46", "", "", "2026S2", ProgressStatus.SinDato, "46", ExpectationSource.MetaAnual, true)]
    [InlineData("S1", Aggregation.NoAgregable, "2026=46", "", "2026S1=44.3", "", ProgressStatus.Verde, "46", ExpectationSource.MetaAnual, false)]
    // Agregable: the I semestre against half the annual target, the II (the year so far) against all of it.
    [InlineData("S1", Aggregation.Agregable, "2026=10", "", "2026S1=3", "", ProgressStatus.Rojo, "5", ExpectationSource.MitadDeLaAnual, false)]
    [InlineData("S1", Aggregation.Agregable, "2026=10", "", "2026S1=4", "", ProgressStatus.Amarillo, "5", ExpectationSource.MitadDeLaAnual, false)]
    [InlineData("S1", Aggregation.Agregable, "2026=10", "", "", "", ProgressStatus.SinDato, "5", ExpectationSource.MitadDeLaAnual, false)]
    [InlineData("S2", Aggregation.Agregable, "2026=10", "", "2026S2=10", "", ProgressStatus.Verde, "10", ExpectationSource.MetaAnual, false)]
    [InlineData("S2", Aggregation.Agregable, "2026=10", "", "", "", ProgressStatus.SinDato, "10", ExpectationSource.MetaAnual, false)]
    // A logro esperado the planning office set for the semester wins over the rule.
    [InlineData("S1", Aggregation.Agregable, "2026=10", "2026S1=4", "2026S1=3", "", ProgressStatus.Amarillo, "4", ExpectationSource.SemestralDefinida, false)]
    [InlineData("S1", Aggregation.NoAgregable, "", "2026S1=40", "2026S1=40", "", ProgressStatus.Verde, "40", ExpectationSource.SemestralDefinida, false)]
    [InlineData("S2", Aggregation.NoAgregable, "", "2026S2=40", "", "", ProgressStatus.SinDato, "40", ExpectationSource.SemestralDefinida, false)]
    // No annual and no semester target: "sin meta", with or without a value.
    [InlineData("S1", Aggregation.NoAgregable, "", "", "2026S1=40", "", ProgressStatus.SinMeta, null, ExpectationSource.Ninguna, false)]
    [InlineData("S1", Aggregation.NoAgregable, "2027=40", "", "", "", ProgressStatus.SinMeta, null, ExpectationSource.Ninguna, false)]
    public void Calculate_EveryPeriodKind_HasOneStateWithItsExpectation(
        string period, Aggregation aggregation, string targets, string semesterTargets, string values, string pending,
        ProgressStatus expected, string? expectedTarget, ExpectationSource expectedSource, bool expectedPending)
    {
        var kind = period switch { "S1" => PeriodKind.PrimerSemestre, "S2" => PeriodKind.SegundoSemestre, _ => PeriodKind.Anual };

        var state = Calc(Ind(targets, values, semesterTargets, pending, aggregation)).For(2026, kind);

        Assert.Equal(
            (expected, expectedTarget is null ? (decimal?)null : D(expectedTarget), expectedSource, expectedPending),
            (state.Status, state.Target, state.Source, state.PendingValidation));
        Assert.False(string.IsNullOrWhiteSpace(state.StatusReason));
    }

    [Theory]
    [InlineData(SemesterExpectationRule.PorAgregacion, Aggregation.Agregable, "S1", "5", ExpectationSource.MitadDeLaAnual)]
    [InlineData(SemesterExpectationRule.PorAgregacion, Aggregation.NoAgregable, "S1", "10", ExpectationSource.MetaAnual)]
    [InlineData(SemesterExpectationRule.MetaAnual, Aggregation.Agregable, "S1", "10", ExpectationSource.MetaAnual)]
    [InlineData(SemesterExpectationRule.MetaAnual, Aggregation.Agregable, "S2", "10", ExpectationSource.MetaAnual)]
    [InlineData(SemesterExpectationRule.SoloDefinidas, Aggregation.Agregable, "S1", null, ExpectationSource.Ninguna)]
    [InlineData(SemesterExpectationRule.SoloDefinidas, Aggregation.NoAgregable, "S2", null, ExpectationSource.Ninguna)]
    public void Calculate_PlanRule_DecidesTheDerivedSemesterExpectation(
        SemesterExpectationRule rule, Aggregation aggregation, string period, string? expectedTarget, ExpectationSource expectedSource)
    {
        var kind = period == "S1" ? PeriodKind.PrimerSemestre : PeriodKind.SegundoSemestre;

        var state = Calc(Ind("2026=10", aggregation: aggregation), new PlanSettings { SemesterExpectation = rule }).For(2026, kind);

        Assert.Equal((expectedTarget is null ? (decimal?)null : D(expectedTarget), expectedSource), (state.Target, state.Source));
        Assert.Equal(expectedTarget is null ? ProgressStatus.SinMeta : ProgressStatus.SinDato, state.Status);
    }

    [Fact]
    public void Calculate_SoloDefinidasWithItsOwnTarget_JudgesTheSemester()
    {
        var state = Calc(Ind("2026=10", semesterTargets: "2026S1=4"), new PlanSettings { SemesterExpectation = SemesterExpectationRule.SoloDefinidas })
            .For(2026, PeriodKind.PrimerSemestre);

        Assert.Equal((ProgressStatus.SinDato, 4m, ExpectationSource.SemestralDefinida), (state.Status, state.Target, state.Source));
    }

    [Fact]
    public void Calculate_PlanWithoutSemesterFollowUp_SemestersHaveNoExpectationAndSaySo()
    {
        var state = Calc(Ind("2026=10"), new PlanSettings { SemesterFollowUp = false }).For(2026, PeriodKind.PrimerSemestre);

        Assert.Equal(ProgressStatus.SinMeta, state.Status);
        Assert.Equal("El plan no hace seguimiento semestral.", state.StatusReason);
    }

    [Fact]
    public void Calculate_EveryYearOfThePlan_HasBothSemestersAndTheYearInOrder()
    {
        var progress = Calc(Ind("2026=10"));

        Assert.Equal(18, progress.Periods.Count);
        Assert.Equal(
            Enumerable.Range(2025, 6).SelectMany(y => new[] { (y, PeriodKind.PrimerSemestre), (y, PeriodKind.SegundoSemestre), (y, PeriodKind.Anual) }),
            progress.Periods.Select(p => (p.Year, p.Period)));
        Assert.All(progress.Periods, p => Assert.Same(p, progress.For(p.Year, p.Period)));
    }

    [Theory]
    [InlineData(2024, PeriodKind.Anual)]
    [InlineData(2031, PeriodKind.PrimerSemestre)]
    public void For_PeriodOutsideThePlan_IsSinMetaAndSaysSo(int year, PeriodKind period)
    {
        var state = Calc(Ind("2026=10", "2026=10")).For(year, period);

        Assert.Equal((year, period, ProgressStatus.SinMeta), (state.Year, state.Period, state.Status));
        Assert.Contains("fuera de los años del plan", state.StatusReason);
    }

    [Fact]
    public void StatusLabel_PendingValue_SaysItAwaitsValidation()
    {
        var progress = Calc(Ind("2026=46", pending: "2026S1"));

        Assert.Equal("Sin dato (pendiente de validación)", progress.For(2026, PeriodKind.PrimerSemestre).StatusLabel);
        Assert.Equal("Sin dato", progress.For(2026, PeriodKind.SegundoSemestre).StatusLabel);
    }

    [Fact]
    public void Semester_KeepsCeplansAvanceAgainstTheAnnualTargetBesideItsOwn()
    {
        var state = Calc(Ind("2026=10", "2026S1=3", aggregation: Aggregation.Agregable)).For(2026, PeriodKind.PrimerSemestre);

        Assert.Equal(60m, state.TipoI.Uncapped);
        Assert.Equal(30m, state.AgainstAnnualTarget.Uncapped);
        Assert.Equal(10m, state.AnnualTarget);
        Assert.Contains("Columna de CEPLAN", state.AgainstAnnualTarget.Explanation.Note);
    }

    [Theory]
    [InlineData(Aggregation.Agregable, "", "la mitad del logro esperado anual 2026 (10), por ser agregable")]
    [InlineData(Aggregation.NoAgregable, "", "el logro esperado anual 2026 (10)")]
    [InlineData(Aggregation.NoAgregable, "2026S1=7", "el logro esperado del I semestre 2026 fijado por la OGPP")]
    public void Semester_SaysWhichExpectationItUsed(Aggregation aggregation, string semesterTargets, string expected)
    {
        var state = Calc(Ind("2026=10", "2026S1=6", semesterTargets, aggregation: aggregation)).For(2026, PeriodKind.PrimerSemestre);

        Assert.StartsWith(expected, state.Expectation);
        Assert.Contains(expected, state.StatusReason);
    }

    [Fact]
    public void Agregable_SemesterAccumulatesOnTheYearsBefore()
    {
        var state = Calc(Ind("2025=10 2026=10", "2025=7 2026S1=3", aggregation: Aggregation.Agregable)).For(2026, PeriodKind.PrimerSemestre);

        Assert.Equal((10m, 15m), (state.AccumulatedValue!.Value, state.AccumulatedTarget!.Value));
        Assert.Equal(10m / 15m * 100m, state.TipoII.Uncapped);
    }

    [Fact]
    public void Agregable_EarlierYearWithoutValue_AccumulationIsUndefinedNeverZero()
    {
        var state = Calc(Ind("2025=10 2026=10", "2026=10", aggregation: Aggregation.Agregable)).For(2026, PeriodKind.Anual);

        Assert.Null(state.TipoII.Uncapped);
        Assert.Null(state.AccumulatedValue);
        Assert.Contains("falta el valor obtenido de 2025", state.TipoII.Explanation.Substitution);
        Assert.Equal(100m, state.TipoI.Uncapped);
    }

    [Theory]
    [InlineData("", ProgressStatus.SinDato, ExpectationSource.LimitePermisible)]
    [InlineData("2026=8", ProgressStatus.Cumple, ExpectationSource.LimitePermisible)]
    [InlineData("2026=12", ProgressStatus.NoCumple, ExpectationSource.LimitePermisible)]
    public void NoDefinido_LimitIsTheExpectationOfEveryPeriod(string values, ProgressStatus expected, ExpectationSource source)
    {
        var state = Calc(Ind(values: values, direction: Direction.NoDefinido, limitKind: PermissibleLimitKind.Maximo, limit: "10")).For(2026, PeriodKind.Anual);

        Assert.Equal((expected, source), (state.Status, state.Source));
    }

    [Fact]
    public void NoDefinido_WithoutLimitOrTarget_IsSinMeta()
    {
        Assert.Equal(ProgressStatus.SinMeta, Calc(Ind(direction: Direction.NoDefinido)).For(2026, PeriodKind.Anual).Status);
    }

    [Fact]
    public void RollUp_PendingValue_CountsAsSinDatoAndSaysItAwaitsValidation()
    {
        var counted = Calc(Ind("2026=46", "2026S1=46", key: "CON-VALOR"));
        var pending = Calc(Ind("2026=46", pending: "2026S1", key: "PENDIENTE"));
        var missing = Calc(Ind("2026=46", key: "SIN-VALOR"));

        var result = ProgressCalculator.RollUp([counted, pending, missing], 2026, PeriodKind.PrimerSemestre, new PlanSettings());

        Assert.Equal((2, 1, 1), (result.Count(ProgressStatus.SinDato), result.PendingCount, result.Included.Count));
        Assert.Equal("1 de 3 indicadores con avance", result.Coverage);
        var pendingExclusion = result.Excluded.Single(e => e.Key == "PENDIENTE");
        Assert.True(pendingExclusion.Pending);
        Assert.Contains("pendiente de validación", pendingExclusion.Reason);
        Assert.Contains("no se cuenta como cero", result.Excluded.Single(e => e.Key == "SIN-VALOR").Reason);
    }

    [Fact]
    public void From_SentValueNotCounted_IsPendingAndACountedOneIsNot()
    {
        var indicator = new Indicator
        {
            Key = "K", PublishedCode = "K", Name = "N",
            Targets = [new AnnualTarget { Year = 2026, Value = 46m }],
            SemesterTargets = [new SemesterTarget { Year = 2026, Period = PeriodKind.SegundoSemestre, Value = 45m }],
            Values =
            [
                new IndicatorValue { Year = 2026, Period = PeriodKind.PrimerSemestre, Value = 40m, Status = ValueStatus.Enviado, CreatedBy = "u" },
                new IndicatorValue { Year = 2025, Period = PeriodKind.Anual, Value = 40m, Status = ValueStatus.Observado, CreatedBy = "u" },
                new IndicatorValue { Year = 2026, Period = PeriodKind.Anual, Value = 40m, Status = ValueStatus.Validado, CreatedBy = "u" },
            ],
        };

        var validatedOnly = IndicatorInput.From(indicator, indicator.Values.Where(v => v.Status == ValueStatus.Validado));
        var withPending = IndicatorInput.From(indicator, indicator.Values.Where(v => v.Status is ValueStatus.Validado or ValueStatus.Enviado));

        Assert.Equal([(2026, PeriodKind.PrimerSemestre)], validatedOnly.PendingPeriodsOrEmpty);
        Assert.Empty(withPending.PendingPeriodsOrEmpty);
        Assert.Equal(45m, validatedOnly.SemesterTargetsOrEmpty[(2026, PeriodKind.SegundoSemestre)]);
    }

    // ---- The demo figures of the MRE plan, computed by hand (mre-pei-2025-2030.json and DemoDataSeeder) ----

    [Fact]
    public void WorkedExample_Ioei0101InTheFirstSemester_JudgedAgainstHalfTheAnnualTarget()
    {
        // Agregable, 10 a year; demo values 2025 = 7 and I semestre 2026 = 3 (validated): 3 / (10 / 2) = 60 % (rojo),
        // where CEPLAN's column reads 3 / 10 = 30 %.
        var state = Calc(Ind("2025=10 2026=10 2027=10 2028=10 2029=10 2030=10", "2025=7 2026S1=3", aggregation: Aggregation.Agregable, baseline: "20", baselineYear: 2023))
            .For(2026, PeriodKind.PrimerSemestre);

        Assert.Equal((5m, 60m, 30m, ProgressStatus.Rojo), (state.Target!.Value, state.TipoI.Uncapped!.Value, state.AgainstAnnualTarget.Uncapped!.Value, state.Status));
    }

    [Theory]
    // IOEI.03.01: I semestre 2026 = 44.3 validated against the annual 46 → 96.3 % verde.
    [InlineData("IOEI.03.01", "2026=46", "2026S1=44.3", "2025", ProgressStatus.Verde, false)]
    // IOEI.03.02: no value for the I semestre, annual target 53 → sin dato.
    [InlineData("IOEI.03.02", "2026=53", "", "", ProgressStatus.SinDato, false)]
    // IOEI.03.03: the unit sent 4 for the I semestre, not yet validated → sin dato, pendiente de validación.
    [InlineData("IOEI.03.03", "2026=4", "2025=3", "2026S1", ProgressStatus.SinDato, true)]
    public void WorkedExample_Oei03InTheFirstSemester(string key, string targets, string values, string pending, ProgressStatus expected, bool expectedPending)
    {
        var state = Calc(Ind(targets, values, pending: pending, unit: UnitOfMeasure.Porcentaje, key: key)).For(2026, PeriodKind.PrimerSemestre);

        Assert.Equal((expected, expectedPending), (state.Status, state.PendingValidation));
        Assert.NotNull(state.Target);
    }
}
