using System.Diagnostics;
using System.Globalization;
using PeiTracker.Domain;
using PeiTracker.Domain.Progress;

// Times the progress engine on a whole plan: every indicator computed (all periods, final-target
// progress, projection) and the roll-ups per OEI and for the plan. Plain Stopwatch, median of many runs.
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100, 1_000, 10_000];
var settings = new PlanSettings();
var results = new List<(int Size, double MedianMs, double P95Ms)>();
foreach (var size in sizes)
{
    var plan = SyntheticPlan(size);
    var runs = size <= 1_000 ? 2_000 : 100;
    for (var i = 0; i < Math.Min(runs, 200); i++)
    {
        ComputePlan(plan, settings);
    }

    var timings = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var started = Stopwatch.GetTimestamp();
        ComputePlan(plan, settings);
        timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    Array.Sort(timings);
    results.Add((size, timings[runs / 2], timings[(int)(runs * 0.95)]));
}

Console.WriteLine("| indicadores | mediana (ms) | p95 (ms) | µs por indicador |");
Console.WriteLine("|---:|---:|---:|---:|");
foreach (var (size, median, p95) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size:N0} | {median:0.000} | {p95:0.000} | {median * 1000 / size:0.00} |"));
}

if (results.Count > 1)
{
    var first = results[0];
    var last = results[^1];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Ratio {last.Size:N0}/{first.Size:N0} indicadores: tiempo x{last.MedianMs / first.MedianMs:0.0} para tamaño x{(double)last.Size / first.Size:0} (lineal = igual)."));
}

static int ComputePlan(List<(int Objective, IndicatorInput Input)> plan, PlanSettings settings)
{
    var computed = new List<(int Objective, IndicatorProgress Progress)>(plan.Count);
    foreach (var (objective, input) in plan)
    {
        computed.Add((objective, ProgressCalculator.Calculate(input, settings, 2025, 2030)));
    }

    var checksum = 0;
    foreach (var group in computed.GroupBy(c => c.Objective))
    {
        checksum += ProgressCalculator.RollUp(group.Select(g => g.Progress), 2025, PeriodKind.Anual, settings).Included.Count;
    }

    return checksum + ProgressCalculator.RollUp(computed.Select(c => c.Progress), 2025, PeriodKind.Anual, settings).Included.Count;
}

static List<(int Objective, IndicatorInput Input)> SyntheticPlan(int size)
{
    var random = new Random(2025);
    var plan = new List<(int, IndicatorInput)>(size);
    for (var i = 0; i < size; i++)
    {
        var direction = i % 7 == 0 ? Direction.Descendente : i % 29 == 0 ? Direction.NoDefinido : Direction.Ascendente;
        var baseline = (decimal)random.Next(10, 60);
        var targets = Enumerable.Range(2025, 6).ToDictionary(y => y, y => direction == Direction.Descendente ? baseline - (y - 2024) : baseline + (y - 2024) * 5m);
        var values = new List<PeriodValue>
        {
            new(2025, PeriodKind.Anual, targets[2025] * (decimal)(0.6 + random.NextDouble() * 0.5)),
            new(2026, PeriodKind.PrimerSemestre, targets[2026] * (decimal)(0.5 + random.NextDouble() * 0.5)),
            new(2026, PeriodKind.Anual, targets[2026] * (decimal)(0.6 + random.NextDouble() * 0.5)),
        };
        var input = new IndicatorInput($"I{i}", $"I{i}", UnitOfMeasure.Porcentaje, direction, i % 5 == 0 ? Aggregation.Agregable : Aggregation.NoAgregable,
            1 + (i % 3), 1, 2024, baseline, targets, values, PermissibleLimitKind.Maximo, 50m);
        plan.Add((i % 11, input));
    }

    return plan;
}
