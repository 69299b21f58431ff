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
