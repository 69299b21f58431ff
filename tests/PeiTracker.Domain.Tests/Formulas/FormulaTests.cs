using CsCheck;
using PeiTracker.Domain.Formulas;

namespace PeiTracker.Domain.Tests.Formulas;

/// <summary>The método de cálculo's expression language: what it reads, what it refuses, what it computes and how it explains it.</summary>
public class FormulaTests
{
    private static Formula Read(string text) =>
        Formula.Parse(text).Formula ?? throw new InvalidOperationException(Formula.Parse(text).Error);

    private static Dictionary<string, decimal?> Values(params (string Name, decimal? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [Theory]
    [InlineData("A / B * 100", "A / B × 100")]
    [InlineData("A/B×100", "A / B × 100")]
    [InlineData("A ÷ B × 100", "A / B × 100")]
    [InlineData("(A + B) / C", "(A + B) / C")]
    [InlineData("A + (B + C)", "A + (B + C)")]
    [InlineData("A - (B - C)", "A − (B − C)")]
    [InlineData("(A - B) - C", "A − B − C")]
    [InlineData("A / (B * C)", "A / (B × C)")]
    [InlineData("(A / B) * C", "A / B × C")]
    [InlineData("-A + B", "−A + B")]
    [InlineData("A * -B", "A × (−B)")]
    [InlineData("  V  ", "V")]
    [InlineData("0.5 * Total_2024", "0.5 × Total_2024")]
    [InlineData("(((A)))", "A")]
    public void Parse_ValidText_WritesItBackCanonically(string text, string written)
    {
        Assert.Equal(written, Read(text).Text);
    }

    [Theory]
    [InlineData("A / B * 100", new[] { "A", "B" })]
    [InlineData("B * A + B", new[] { "B", "A" })]
    [InlineData("100", new string[0])]
    [InlineData("Atendidos / Poblacion * 100", new[] { "Atendidos", "Poblacion" })]
    public void Parse_Variables_InTheOrderTheyFirstAppear(string text, string[] variables)
    {
        Assert.Equal(variables, Read(text).Variables);
    }

    [Theory]
    [InlineData("", "Escriba la fórmula, por ejemplo A / B × 100.")]
    [InlineData("   ", "Escriba la fórmula, por ejemplo A / B × 100.")]
    [InlineData("A /", "Fórmula no válida en la posición 4: falta un número o una variable al final.")]
    [InlineData("(A + B", "Fórmula no válida en la posición 7: falta cerrar un paréntesis.")]
    [InlineData("A + B)", "Fórmula no válida en la posición 6: sobra un paréntesis de cierre.")]
    [InlineData("A B", "Fórmula no válida en la posición 3: no se esperaba «B».")]
    [InlineData("A ^ 2", "Fórmula no válida en la posición 3: no se esperaba «^».")]
    [InlineData("A + ;", "Fórmula no válida en la posición 5: se esperaba un número o una variable y hay «;».")]
    [InlineData("0,5 * A", "Fórmula no válida en la posición 2: use punto como separador decimal (por ejemplo 0.5).")]
    [InlineData("1.2.3", "Fórmula no válida en la posición 1: el número «1.2.3» no es válido.")]
    [InlineData("3. * A", "Fórmula no válida en la posición 1: el número «3.» no es válido.")]
    [InlineData("System.IO.File", "Fórmula no válida en la posición 7: no se esperaba «.».")]
    [InlineData("A() ", "Fórmula no válida en la posición 2: no se esperaba «(».")]
    public void Parse_InvalidText_SaysWhatIsWrongAndWhere(string text, string error)
    {
        var parse = Formula.Parse(text);

        Assert.Null(parse.Formula);
        Assert.Equal(error, parse.Error);
    }

    [Fact]
    public void Parse_TooLong_IsRefused()
    {
        var text = string.Join(" + ", Enumerable.Repeat("A", 70));

        Assert.Equal($"La fórmula no puede tener más de {Formula.MaxLength} caracteres.", Formula.Parse(text).Error);
        Assert.NotNull(Formula.Parse(text[..Formula.MaxLength].TrimEnd(' ', '+')).Formula);
    }

    [Fact]
    public void Parse_TooDeep_IsRefused()
    {
        var deep = new string('(', Formula.MaxDepth + 1) + "A" + new string(')', Formula.MaxDepth + 1);
        var allowed = new string('(', Formula.MaxDepth) + "A" + new string(')', Formula.MaxDepth);

        Assert.Equal("Fórmula no válida en la posición 21: la fórmula tiene demasiados niveles de paréntesis.", Formula.Parse(deep).Error);
        Assert.NotNull(Formula.Parse(allowed).Formula);
    }

    [Fact]
    public void Parse_TooManyVariables_IsRefused()
    {
        var names = Enumerable.Range(1, Formula.MaxVariables + 1).Select(n => $"V{n}").ToList();

        Assert.Equal($"La fórmula no puede tener más de {Formula.MaxVariables} variables.", Formula.Parse(string.Join(" + ", names)).Error);
        Assert.NotNull(Formula.Parse(string.Join(" + ", names.Take(Formula.MaxVariables))).Formula);
    }

    [Theory]
    [InlineData("A / B * 100", 36, 40, 90, "= 36 / 40 × 100 = 90")]
    [InlineData("A / B * 100", 1, 3, 33.333333, "= 1 / 3 × 100 = 33.333333")]
    [InlineData("A / B * 100", 2, 3, 66.666667, "= 2 / 3 × 100 = 66.666667")]
    [InlineData("(A - B) / B * 100", 110, 100, 10, "= (110 − 100) / 100 × 100 = 10")]
    [InlineData("(A - B) / B * 100", 90, 100, -10, "= (90 − 100) / 100 × 100 = -10")]
    [InlineData("A - B", 5, -3, 8, "= 5 − (-3) = 8")]
    [InlineData("A + B * 2", 1, 2, 5, "= 1 + 2 × 2 = 5")]
    [InlineData("(A + B) * 2", 1, 2, 6, "= (1 + 2) × 2 = 6")]
    [InlineData("A - B - 1", 10, 3, 6, "= 10 − 3 − 1 = 6")]
    [InlineData("A - (B - 1)", 10, 3, 8, "= 10 − (3 − 1) = 8")]
    [InlineData("A / B / 2", 12, 3, 2, "= 12 / 3 / 2 = 2")]
    [InlineData("A / (B / 2)", 12, 3, 8, "= 12 / (3 / 2) = 8")]
    [InlineData("-A + B", 2, 5, 3, "= −2 + 5 = 3")]
    public void Evaluate_AllVariables_ComputesAndShowsTheSubstitution(string text, double a, double b, double expected, string explanation)
    {
        var result = Read(text).Evaluate(Values(("A", (decimal)a), ("B", (decimal)b)));

        Assert.Equal((decimal)expected, result.Value);
        Assert.True(result.IsComputable);
        Assert.Equal(explanation, result.Explanation);
    }

    [Theory]
    [InlineData("A / B * 100", "No calculable: división por cero (B vale 0).")]
    [InlineData("A / (B - 4) * 100", "No calculable: división por cero (B − 4 vale 0).")]
    [InlineData("A / 0", "No calculable: división por cero (0 vale 0).")]
    public void Evaluate_DivisionByZero_IsNotComputableWithTheReason(string text, string reason)
    {
        var result = Read(text).Evaluate(Values(("A", 36m), ("B", text.Contains("- 4") ? 4m : 0m)));

        Assert.Null(result.Value);
        Assert.False(result.IsComputable);
        Assert.Equal(reason, result.Explanation);
    }

    [Fact]
    public void Evaluate_OneVariableMissing_NamesIt()
    {
        var result = Formula.Percentage.Evaluate(Values(("A", 36m)));

        Assert.Null(result.Value);
        Assert.Equal("No calculable: falta el valor de la variable B.", result.Explanation);
    }

    [Fact]
    public void Evaluate_VariablesWithoutValue_NamesThemAll()
    {
        var result = Formula.Percentage.Evaluate(Values(("A", null), ("B", null)));

        Assert.Equal("No calculable: faltan los valores de las variables A, B.", result.Explanation);
    }

    [Fact]
    public void Evaluate_ResultBeyondTheStoredRange_IsNotComputable()
    {
        var overflow = Read("A * B * B").Evaluate(Values(("A", 79_000_000_000_000m), ("B", 79_000_000_000_000m)));
        var tooLarge = Read("A * B").Evaluate(Values(("A", 1_000_000m), ("B", 1_000_000m)));

        Assert.Equal("No calculable: el resultado es demasiado grande.", overflow.Explanation);
        Assert.Equal("No calculable: el resultado es demasiado grande.", tooLarge.Explanation);
        Assert.Equal(999_999_000_000m, Read("A * B").Evaluate(Values(("A", 999_999m), ("B", 1_000_000m))).Value);
    }

    [Fact]
    public void Evaluate_ExtraVariables_AreIgnored()
    {
        var result = Formula.Identity.Evaluate(Values(("V", 12.5m), ("W", 3m)));

        Assert.Equal(12.5m, result.Value);
        Assert.Equal("= 12.5 = 12.5", result.Explanation);
    }

    [Fact]
    public void StartingFormulas_ArePercentageAndIdentity()
    {
        Assert.Equal("A / B × 100", Formula.Percentage.Text);
        Assert.Equal(["A", "B"], Formula.Percentage.Variables);
        Assert.Equal("V", Formula.Identity.Text);
    }

    private static readonly Gen<string> Expressions = Gen.Recursive<string>((depth, inner) =>
        depth >= 4
            ? Gen.OneOf(Gen.OneOf("A", "B", "C"), Gen.Int[0, 999].Select(n => (n / 10m).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : Gen.Frequency(
                (3, Gen.OneOf("A", "B", "C")),
                (2, Gen.Int[0, 999].Select(n => (n / 10m).ToString(System.Globalization.CultureInfo.InvariantCulture))),
                (4, Gen.Select(inner, Gen.OneOf("+", "-", "*", "/"), inner, (l, op, r) => $"{l} {op} {r}")),
                (2, inner.Select(e => $"({e})")),
                (1, inner.Select(e => $"-{e}"))));

    [Fact]
    public void Text_ReadBack_GivesTheSameFormulaAndTheSameValue()
    {
        var values = Gen.Select(Gen.Int[-500, 500], Gen.Int[-500, 500], Gen.Int[-500, 500], (a, b, c) => Values(("A", a / 10m), ("B", b / 10m), ("C", c / 10m)));

        Gen.Select(Expressions, values).Sample((text, vars) =>
        {
            var formula = Read(text);
            var again = Read(formula.Text);

            Assert.Equal(formula.Text, again.Text);
            Assert.Equal(formula.Evaluate(vars), again.Evaluate(vars));
        });
    }

    [Fact]
    public void Evaluate_NeverThrows_AndASubstitutionReadsBackToTheValue()
    {
        var values = Gen.Select(Gen.Int[-50, 50], Gen.Int[-50, 50], Gen.Int[-50, 50], (a, b, c) => Values(("A", a), ("B", b), ("C", c)));

        Gen.Select(Expressions, values).Sample((text, vars) =>
        {
            var result = Read(text).Evaluate(vars);
            if (!result.IsComputable)
            {
                Assert.StartsWith("No calculable: ", result.Explanation);
                return;
            }

            // The substitution is itself a formula without variables; computed again it gives the value shown.
            var substitution = result.Explanation[2..result.Explanation.LastIndexOf(" = ", StringComparison.Ordinal)];
            Assert.Equal(result.Value, Read(substitution).Evaluate(Values()).Value);
        });
    }
}

/// <summary>The indicator's formula: its starting point by unit, the planning office's edit with history, and values computed from variables.</summary>
public class IndicatorFormulaTests
{
    private static Indicator Percentage(int decimals = 1) => new()
    {
        Id = 7,
        Key = "IOEI.04.01",
        PublishedCode = "IOEI.04.01",
        Name = "Porcentaje de la población peruana en el exterior atendida",
        Unit = UnitOfMeasure.Porcentaje,
        Decimals = decimals,
    };

    private static Dictionary<string, string?> Typed(params (string Code, string? Text)[] figures) => figures.ToDictionary(f => f.Code, f => f.Text);

    [Theory]
    [InlineData(UnitOfMeasure.Porcentaje, "A / B × 100", "A:Numerador|B:Denominador", true)]
    [InlineData(UnitOfMeasure.Numero, "V", "V:Valor del indicador", false)]
    [InlineData(UnitOfMeasure.Indice, "V", "V:Valor del indicador", false)]
    [InlineData(UnitOfMeasure.TasaVariacion, "V", "V:Valor del indicador", false)]
    public void StartFormula_ByUnit_PercentageIsInferredNumeratorOverDenominator(UnitOfMeasure unit, string formula, string variables, bool inferred)
    {
        var indicator = Percentage();
        indicator.Unit = unit;

        indicator.StartFormula();

        Assert.Equal(formula, indicator.Formula);
        Assert.Equal(variables, string.Join("|", indicator.Variables.Select(v => $"{v.Code}:{v.Name}")));
        Assert.Equal(inferred, indicator.Inferred.HasFlag(InferredFields.Formula));
        Assert.Equal(inferred, indicator.EntersByVariables);
    }

    [Fact]
    public void EditFormula_NewFormula_RecordsFormulaVariablesAndTheConfirmedInference()
    {
        var indicator = Percentage();
        indicator.StartFormula();

        var edit = indicator.EditFormula("Atendidos / Poblacion * 100",
            [new("Atendidos", "Personas atendidas", "SIGEC", "personas"), new("Poblacion", "Población consular", null, null), new("Z", "No usada", null, null)]);

        Assert.True(edit.IsValid);
        Assert.Equal("Atendidos / Poblacion × 100", indicator.Formula);
        Assert.Equal(["Atendidos", "Poblacion"], indicator.Variables.Select(v => v.Code));
        Assert.Equal(
        [
            new(AuditKind.Definicion, Domain.Editing.AuditFields.Formula, "A / B × 100", "Atendidos / Poblacion × 100"),
            new(AuditKind.Definicion, Domain.Editing.AuditFields.Variables, "A: Numerador; B: Denominador",
                "Atendidos: Personas atendidas (fuente: SIGEC; unidad: personas); Poblacion: Población consular"),
            new Domain.Editing.FieldChange(AuditKind.Definicion, Domain.Editing.AuditFields.Inferred, "Fórmula", "Ninguno"),
        ], edit.Changes);
        Assert.False(indicator.Inferred.HasFlag(InferredFields.Formula));
    }

    [Fact]
    public void EditFormula_SameFormulaAndNames_ChangesNothing()
    {
        var indicator = Percentage();
        indicator.StartFormula();
        indicator.Inferred = InferredFields.None;

        var edit = indicator.EditFormula("A/B*100", [new("A", " Numerador ", null, null), new("B", "Denominador", " ", null)]);

        Assert.True(edit.IsValid);
        Assert.Empty(edit.Changes);
    }

    [Theory]
    [InlineData("A / ", "Formula", "Fórmula no válida en la posición 4: falta un número o una variable al final.")]
    [InlineData("A / C * 100", "Variables[C]", "Escriba qué mide la variable C (por ejemplo «Personas atendidas»).")]
    public void EditFormula_BadInput_IsRefusedAndChangesNothing(string text, string field, string message)
    {
        var indicator = Percentage();
        indicator.StartFormula();

        var edit = indicator.EditFormula(text, [new("A", "Numerador", null, null)]);

        Assert.False(edit.IsValid);
        Assert.Equal(message, edit.Errors[field]);
        Assert.Equal("A / B × 100", indicator.Formula);
        Assert.Equal(2, indicator.Variables.Count);
        Assert.True(indicator.Inferred.HasFlag(InferredFields.Formula));
    }

    [Theory]
    [InlineData("36", "40", 90, "= 36 / 40 × 100 = 90")]
    [InlineData("1", "3", 33.3333, "= 1 / 3 × 100 = 33.3333")]
    [InlineData("0", "40", 0, "= 0 / 40 × 100 = 0")]
    public void ComputeFromVariables_Percentage_IsNumeratorOverDenominatorRoundedToTheStoredDecimals(string a, string b, double value, string explanation)
    {
        var indicator = Percentage();
        indicator.StartFormula();

        var entry = indicator.ComputeFromVariables(Typed(("A", a), ("B", b)));

        Assert.True(entry.IsValid);
        Assert.Equal((decimal)value, entry.Value);
        Assert.Equal(explanation, entry.Explanation);
        Assert.Equal("A = " + a + "; B = " + b, Indicator.DescribeFigures(entry.Figures));
    }

    [Theory]
    [InlineData("36", "0", "Valor", "No calculable: división por cero (B vale 0).")]
    [InlineData("36", "", "Variables[B]", "Escriba el valor de B (Denominador).")]
    [InlineData("36", "4,5", "Variables[B]", "Use punto como separador decimal (por ejemplo 95.5), sin separador de miles.")]
    [InlineData("-1", "40", "Variables[A]", "A (Numerador) no puede ser negativo.")]
    public void ComputeFromVariables_BadFigures_SayWhichVariableAndWhy(string a, string b, string field, string message)
    {
        var indicator = Percentage();
        indicator.StartFormula();

        var entry = indicator.ComputeFromVariables(Typed(("A", a), ("B", b)));

        Assert.False(entry.IsValid);
        Assert.Null(entry.Value);
        Assert.Equal(message, entry.Errors[field]);
    }

    [Fact]
    public void ComputeFromVariables_UnknownVariable_IsRefused()
    {
        var indicator = Percentage();
        indicator.StartFormula();

        var entry = indicator.ComputeFromVariables(Typed(("A", "1"), ("B", "2"), ("C", "3")));

        Assert.Equal("La fórmula del indicador (A / B × 100) no tiene una variable C.", entry.Errors["Variables[C]"]);
    }

    [Fact]
    public void ComputeFromVariables_RateOfChange_AcceptsNegativeFigures()
    {
        var indicator = Percentage();
        indicator.Unit = UnitOfMeasure.TasaVariacion;
        indicator.EditFormula("(A - B) / B * 100", [new("A", "Año actual", null, null), new("B", "Año anterior", null, null)]);

        var entry = indicator.ComputeFromVariables(Typed(("A", "-5"), ("B", "-10")));

        Assert.Equal(-50m, entry.Value);
        Assert.Equal("= (-5 − (-10)) / (-10) × 100 = -50", entry.Explanation);
    }
}

/// <summary>The language's limits at their edges, and errors that travel up through every kind of node.</summary>
public class FormulaLimitTests
{
    private static Dictionary<string, decimal?> Values(params (string Name, decimal? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public void Parse_ExactlyTheMaximumLength_IsRead()
    {
        var text = "A" + new string(' ', Formula.MaxLength - 4) + "+ B";

        Assert.Equal(Formula.MaxLength, text.Length);
        Assert.Equal("A + B", Formula.Parse(text).Formula!.Text);
    }

    [Theory]
    [InlineData("999999999999 * A", true)]
    [InlineData("1000000000000 * A", false)]
    public void Parse_NumbersBelowTheStoredRange_OnlyAreRead(string text, bool read)
    {
        Assert.Equal(read, Formula.Parse(text).Formula is not null);
    }

    [Fact]
    public void Parse_VariableNames_UpToTwentyCharacters()
    {
        Assert.NotNull(Formula.Parse(new string('A', 20)).Formula);
        Assert.Equal($"Fórmula no válida en la posición 1: el nombre de variable «{new string('A', 21)}» es demasiado largo (máximo 20 caracteres).",
            Formula.Parse(new string('A', 21)).Error);
    }

    [Fact]
    public void Parse_CommaWhereANumberStarts_AsksForADecimalPoint()
    {
        Assert.Equal("Fórmula no válida en la posición 5: use punto como separador decimal (por ejemplo 0.5).", Formula.Parse("A * ,5").Error);
    }

    [Fact]
    public void Parse_DepthCountsNestingNotTheNumberOfGroups()
    {
        var group = new string('(', Formula.MaxDepth) + "A" + new string(')', Formula.MaxDepth);

        Assert.NotNull(Formula.Parse(group + " + " + group + " + " + group).Formula);
    }

    [Theory]
    [InlineData("-(A / B)")]
    [InlineData("A + A / B")]
    [InlineData("A / B + A")]
    public void Evaluate_DivisionByZeroAnywhere_IsNotComputable(string text)
    {
        var result = Formula.Parse(text).Formula!.Evaluate(Values(("A", 1m), ("B", 0m)));

        Assert.Equal("No calculable: división por cero (B vale 0).", result.Explanation);
    }

    [Theory]
    [InlineData("SIGEC", null, "A: Atendidos (fuente: SIGEC)")]
    [InlineData(null, "personas", "A: Atendidos (unidad: personas)")]
    [InlineData(null, null, "A: Atendidos")]
    public void Variable_Describe_NamesWhatIsKnown(string? source, string? unit, string expected)
    {
        Assert.Equal(expected, Domain.Formulas.IndicatorVariable.Describe("A", "Atendidos", source, unit));
    }

    private static Indicator Indicator() => new() { Id = 3, Key = "I", PublishedCode = "I", Name = "Indicador", Unit = UnitOfMeasure.Porcentaje };

    [Fact]
    public void StartFormula_NonPercentage_ClearsAnInferredFormulaAndKeepsTheOtherFlags()
    {
        var indicator = Indicator();
        indicator.Inferred = InferredFields.Formula | InferredFields.Direction;
        indicator.Unit = UnitOfMeasure.Numero;

        indicator.StartFormula();

        Assert.Equal(InferredFields.Direction, indicator.Inferred);
    }

    [Fact]
    public void EditFormula_KeptVariable_IsRenamedAndEveryVariableTakesItsPlaceInTheFormula()
    {
        var indicator = Indicator();
        indicator.StartFormula();

        var edit = indicator.EditFormula("B / A * 100", [new("A", "Población consular", "Censo", "personas"), new("B", "Atendidos", null, null)]);

        Assert.True(edit.IsValid);
        Assert.Equal([("B", 1, "Atendidos"), ("A", 2, "Población consular")], indicator.Variables.OrderBy(v => v.SortOrder).Select(v => (v.Code, v.SortOrder, v.Name)));
        Assert.Equal(("Censo", "personas"), indicator.Variables.Where(v => v.Code == "A").Select(v => (v.Source, v.Unit)).Single());
    }

    [Theory]
    [InlineData(301, 0, 0)]
    [InlineData(300, 501, 0)]
    [InlineData(300, 500, 101)]
    public void EditFormula_TextBeyondItsLimit_IsRefused(int name, int source, int unit)
    {
        var indicator = Indicator();
        indicator.StartFormula();
        string? Text(int length) => length == 0 ? null : new string('x', length);

        var edit = indicator.EditFormula("A", [new("A", Text(name), Text(source), Text(unit))]);

        Assert.StartsWith("La variable A tiene un texto demasiado largo", edit.Errors["Variables[A]"]);
    }

    [Fact]
    public void EditFormula_AtTheLimits_IsAccepted()
    {
        var indicator = Indicator();
        indicator.StartFormula();

        Assert.True(indicator.EditFormula("A", [new("A", new string('x', 300), new string('x', 500), new string('x', 100))]).IsValid);
    }

    [Fact]
    public void EditFormula_IndicatorWithoutVariableRows_RecordsNoneAsTheBefore()
    {
        var indicator = Indicator();

        var edit = indicator.EditFormula("A + B", [new("A", "Uno", null, null), new("B", "Dos", null, null)]);

        Assert.Contains(new Domain.Editing.FieldChange(AuditKind.Definicion, Domain.Editing.AuditFields.Variables, null, "A: Uno; B: Dos"), edit.Changes);
    }

    [Fact]
    public void ComputeFromVariables_VariableWithoutDefinition_IsNamedByItsCode()
    {
        var indicator = Indicator();
        indicator.Formula = "A + B";

        Assert.Equal("Escriba el valor de B.", indicator.ComputeFromVariables(new Dictionary<string, string?> { ["A"] = "1" }).Errors["Variables[B]"]);
    }

    [Fact]
    public void DescribeFigures_NoFigures_IsNothing()
    {
        Assert.Null(PeiTracker.Domain.Indicator.DescribeFigures([]));
    }
}
