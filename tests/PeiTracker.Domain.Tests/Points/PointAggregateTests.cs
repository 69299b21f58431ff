using CsCheck;
using PeiTracker.Domain.Formulas;
using PeiTracker.Domain.Points;

namespace PeiTracker.Domain.Tests.Points;

/// <summary>
/// The indicator's value from several reporting points is the formula on the sums of each variable (sum of
/// numerators over sum of denominators), never the mean of the points' own values.
/// </summary>
public class PointAggregateTests
{
    private static readonly Formula Percentage = Formula.Percentage;

    private static PointFigures Point(string code, decimal a, decimal b) => new(code, new Dictionary<string, decimal> { ["A"] = a, ["B"] = b });

    public static TheoryData<decimal[], decimal, string> Cases => new()
    {
        // Three consulates: 36/40, 50/60, 22/20 → 108/120 = 90 %, where the mean of 90, 83.3 and 110 would be 94.4.
        { [36, 40, 50, 60, 22, 20], 90m, "= 108 / 120 × 100 = 90" },
        // A small point with a perfect ratio barely moves a large one.
        { [1, 1, 10, 1000], 1.0989m, "= 11 / 1001 × 100 = 1.0989" },
        // A point that served nobody of nobody (0/0) counts for nothing instead of making the value uncomputable.
        { [0, 0, 45, 50], 90m, "= 45 / 50 × 100 = 90" },
        { [7, 10], 70m, "= 7 / 10 × 100 = 70" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_Percentage_IsTheFormulaOnTheSums(decimal[] figures, decimal expected, string explanation)
    {
        var points = figures.Chunk(2).Select((p, i) => Point($"P{i}", p[0], p[1]));

        var aggregate = PointAggregate.Of(Percentage, points);

        Assert.Equal(expected, aggregate.Evaluation.Value);
        Assert.Equal(explanation, aggregate.Evaluation.Explanation);
    }

    [Fact]
    public void Of_ThreePoints_IsNotTheMeanOfTheirPercentages()
    {
        var points = new[] { Point("CG-MIAMI", 36, 40), Point("CG-MADRID", 50, 60), Point("CG-TOKIO", 22, 20) };
        var mean = points.Average(p => PointAggregate.Own(Percentage, p.Figures).Value!.Value);

        var aggregate = PointAggregate.Of(Percentage, points);

        Assert.Equal(90m, aggregate.Evaluation.Value);
        Assert.NotEqual(Math.Round(mean, 4), aggregate.Evaluation.Value);
        Assert.Equal(new Dictionary<string, decimal> { ["A"] = 108, ["B"] = 120 }, aggregate.Sums);
    }

    [Fact]
    public void Of_NoPoints_IsNotComputableAndSaysWhy()
    {
        var aggregate = PointAggregate.Of(Percentage, []);

        Assert.False(aggregate.Evaluation.IsComputable);
        Assert.Equal("No calculable: ningún punto de registro tiene cifras aceptadas.", aggregate.Evaluation.Explanation);
    }

    [Fact]
    public void Of_APointWithoutAVariable_IsNotComputableAndNamesThePoint()
    {
        var points = new[] { Point("CG-MIAMI", 36, 40), new PointFigures("CG-LIMA", new Dictionary<string, decimal> { ["A"] = 1 }) };

        var aggregate = PointAggregate.Of(Percentage, points);

        Assert.Equal("No calculable: CG-LIMA no tiene el valor de la variable B.", aggregate.Evaluation.Explanation);
    }

    [Fact]
    public void Of_SeveralPointsWithoutAVariable_NameEachOneInThePlural()
    {
        var points = new[] { Point("CG-MIAMI", 36, 40), new PointFigures("CG-LIMA", new Dictionary<string, decimal> { ["A"] = 1 }), new PointFigures("CG-QUITO", new Dictionary<string, decimal> { ["A"] = 2 }) };

        var aggregate = PointAggregate.Of(Percentage, points);

        Assert.False(aggregate.Evaluation.IsComputable);
        Assert.Equal("No calculable: CG-LIMA, CG-QUITO no tienen el valor de la variable B.", aggregate.Evaluation.Explanation);
        Assert.Equal(3, aggregate.PointCount);
        Assert.Equal(new Dictionary<string, decimal> { ["A"] = 39 }, aggregate.Sums);
    }

    [Fact]
    public void Of_SumsBeyondWhatADecimalHolds_AreNotComputableAndSayWhichVariable()
    {
        var points = new[] { Point("CG-MIAMI", decimal.MaxValue, 1), Point("CG-MADRID", decimal.MaxValue, 1) };

        var aggregate = PointAggregate.Of(Percentage, points);

        Assert.False(aggregate.Evaluation.IsComputable);
        Assert.Equal("No calculable: la suma de la variable A es demasiado grande.", aggregate.Evaluation.Explanation);
        Assert.Equal(2, aggregate.PointCount);
    }

    [Fact]
    public void Of_CountsThePointsItSummed()
    {
        var aggregate = PointAggregate.Of(Percentage, [Point("CG-MIAMI", 36, 40), Point("CG-MADRID", 50, 60)]);

        Assert.Equal(2, aggregate.PointCount);
        Assert.True(aggregate.Evaluation.IsComputable);
    }

    [Fact]
    public void Of_EveryDenominatorZero_IsNotComputable()
    {
        var aggregate = PointAggregate.Of(Percentage, [Point("A1", 0, 0), Point("A2", 0, 0)]);

        Assert.False(aggregate.Evaluation.IsComputable);
        Assert.Equal("No calculable: división por cero (B vale 0).", aggregate.Evaluation.Explanation);
    }

    [Fact]
    public void Of_AnyPoints_EqualsTheFormulaOnTheSumsAndLiesBetweenThePointsOwnRatios()
    {
        var point = Gen.Select(Gen.Int[0, 100_000], Gen.Int[1, 100_000], (a, b) => (A: (decimal)a, B: (decimal)b));
        point.Array[1, 12].Sample(points =>
        {
            var figures = points.Select((p, i) => Point($"P{i}", p.A, p.B)).ToList();

            var aggregate = PointAggregate.Of(Percentage, figures);

            var expected = Percentage.Evaluate(new Dictionary<string, decimal?> { ["A"] = points.Sum(p => p.A), ["B"] = points.Sum(p => p.B) }, Indicator.MaxDecimals);
            Assert.Equal(expected.Value, aggregate.Evaluation.Value);
            var own = figures.Select(f => PointAggregate.Own(Percentage, f.Figures).Value!.Value).ToList();
            // Each own value is rounded to 4 decimals, as the aggregate is: the bounds hold within that rounding.
            Assert.InRange(aggregate.Evaluation.Value!.Value, own.Min() - 0.0001m, own.Max() + 0.0001m);
        });
    }
}
