using System.Globalization;
using System.Net;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Infrastructure;
using PeiTracker.Web.Tests.Imports;
using PeiTracker.Web.Tests.Infrastructure;
using static PeiTracker.Web.Exports.MatrizPeiLayout;
using static PeiTracker.Web.Tests.Imports.MatrizUploads;

namespace PeiTracker.Web.Tests.Plan;

/// <summary>
/// Generated sequences of edits to one indicator's baseline and targets, each made through a real page
/// of the running app (the targets form, the Matriz upload and confirmation, the ficha técnica form),
/// checked after every edit against a model written from the rules, independently of the domain code:
/// an accepted edit stores what was typed, a refused one changes nothing, every stored figure obeys
/// the unit's rules, and each field's history is a continuous chain that ends at the stored value.
/// </summary>
[Collection(PlanWritesCollection.Name)]
public class PlanFiguresPropertyTests(AppFixture app)
{
    private const int FirstYear = 2025;
    private const int LastYear = 2030;
    private const string BaselineField = "Línea base";

    private static readonly int CurrentYear = PeruTime.ToLima(DateTimeOffset.UtcNow).Year;

    public enum EditPath
    {
        Metas,
        Matriz,
        Ficha,
    }

    /// <summary>A target (<see cref="Year"/>) or the baseline (no year, with <see cref="BaselineYear"/>), typed as <see cref="Text"/> ("" leaves the cell empty).</summary>
    public sealed record Edit(EditPath Path, int? Year, int? BaselineYear, string Text)
    {
        public override string ToString() => Year is { } year ? $"{Path}: {year}=«{Text}»" : $"{Path}: línea base {BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "sin año"}=«{Text}»";
    }

    public sealed record Sequence(UnitOfMeasure Unit, Edit[] Edits)
    {
        public override string ToString() => $"{Unit}: {string.Join("; ", Edits.Select(e => e.ToString()))}";
    }

    private static readonly Gen<string> Figure = Gen.OneOf(
        Gen.Int[0, 130].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Int[0, 99].Select(i => $"{i.ToString(CultureInfo.InvariantCulture)}.5"),
        Gen.Int[1, 5].Select(i => $"-{i.ToString(CultureInfo.InvariantCulture)}"),
        Gen.Const(""));

    private static readonly Gen<Edit> TargetEdit = Gen.Select(
        Gen.OneOf(EditPath.Metas, EditPath.Matriz), Gen.Int[FirstYear, LastYear], Figure, (path, year, text) => new Edit(path, year, null, text));

    private static readonly Gen<Edit> BaselineEdit = Gen.Select(
        Gen.OneOf(EditPath.Ficha, EditPath.Matriz),
        Gen.OneOf(Gen.Int[2019, 2024].Select(y => (int?)y), Gen.Const((int?)1999), Gen.Const((int?)null)),
        Figure,
        (path, year, text) => new Edit(path, null, year, text));

    private static readonly Gen<Sequence> Sequences = Gen.Select(
        Gen.OneOf(UnitOfMeasure.Numero, UnitOfMeasure.Porcentaje),
        Gen.Frequency((3, (IGen<Edit>)TargetEdit), (1, BaselineEdit)).Array[1, 6],
        (unit, edits) => new Sequence(unit, edits));

    [Fact]
    public async Task FigureEdits_ThroughEveryPath_KeepTheRulesAndAContinuousHistory()
    {
        var indicator = await app.QueryAsync(db => db.Indicators.AsNoTracking().Include(i => i.Objective).Include(i => i.Action)
            .Where(i => i.Unit == UnitOfMeasure.Porcentaje && i.BaselineValue != null && i.Targets.Count == 6)
            .OrderBy(i => i.Id).Skip(5).FirstAsync());
        var client = await app.LoginAsync();

        await Sequences.SampleAsync(
            async sequence =>
            {
                var model = await ResetAsync(indicator.Id, sequence.Unit);
                var since = await app.QueryAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
                for (var step = 0; step < sequence.Edits.Length; step++)
                {
                    var edit = sequence.Edits[step];
                    var rows = await AuditAsync(indicator.Id, since);
                    var (accepted, changed) = model.Apply(sequence.Unit, edit);

                    var saved = await SubmitAsync(client, indicator, edit, model, $"Prueba {step + 1}");

                    var context = $"step {step + 1} ({edit})";
                    Assert.True(accepted == saved, $"{context}: expected {(accepted ? "accepted" : "refused")}");
                    var stored = await StoredAsync(indicator.Id);
                    Assert.Equal(model.ToString(), stored.ToString());
                    Assert.True(stored.ObeysTheRules(sequence.Unit), $"{context}: {stored}");
                    var after = await AuditAsync(indicator.Id, since);
                    Assert.True(after.Count == rows.Count + (changed ? 1 : 0), $"{context}: {after.Count - rows.Count} new audit rows");
                    AssertContinuousHistory(after, model, context);
                }
            },
            iter: 20,
            threads: 1,
            print: s => s.ToString());
    }

    /// <summary>Posts the edit through its page; true when the page accepted it (saved or nothing to save), false when it refused it.</summary>
    private static async Task<bool> SubmitAsync(HttpClient client, Indicator indicator, Edit edit, FiguresModel model, string reason)
    {
        switch (edit.Path)
        {
            case EditPath.Metas:
                var metas = await client.PostFormAsync($"/Plan/Indicador/{indicator.Id}/Metas", [($"Targets[{edit.Year}]", edit.Text), ("Reason", reason)]);
                return Accepted(metas);
            case EditPath.Ficha:
                var ficha = await client.PostFormAsync($"/Plan/Indicador/{indicator.Id}/Editar",
                    [("Input.BaselineYear", edit.BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? ""), ("Input.BaselineValue", edit.Text), ("Input.Reason", reason)]);
                return Accepted(ficha);
            default:
                var preview = await UploadAsync(client, MatrizOf(indicator, edit, model.Previous), reason: reason);
                if (preview.QuerySelector("table.import-errors") is not null)
                {
                    Assert.Null(preview.QuerySelector("form.confirm-form"));
                    return false;
                }

                if (preview.QuerySelector(".no-changes") is not null)
                {
                    return true;
                }

                return Accepted(await ConfirmAsync(client, preview));
        }
    }

    private static bool Accepted(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Redirect => true,
        HttpStatusCode.OK => false,
        _ => throw new InvalidOperationException($"The page answered {(int)response.StatusCode}"),
    };

    /// <summary>A matrix with the indicator's row as stored before the edit, and the edited cells.</summary>
    private static byte[] MatrizOf(Indicator indicator, Edit edit, FiguresSnapshot stored)
    {
        var years = Enumerable.Range(FirstYear, LastYear - FirstYear + 1).ToList();
        object?[] row =
        [
            indicator.Objective?.Code ?? indicator.Action!.Code, null, indicator.PublishedCode, indicator.Name, stored.BaselineYear, stored.BaselineValue,
            .. years.Select(y => stored.Targets.TryGetValue(y, out var target) ? (object?)target : null),
            indicator.Key,
        ];
        var value = edit.Text.Length == 0 ? null : (object)decimal.Parse(edit.Text, CultureInfo.InvariantCulture);
        if (edit.Year is { } year)
        {
            row[FirstTargetColumn + (year - FirstYear)] = value;
        }
        else
        {
            row[BaselineYearColumn] = edit.BaselineYear;
            row[BaselineValueColumn] = value;
        }

        return MatrizWorkbook.For(years).Set(HeaderRow + 1, row).Build();
    }

    /// <summary>For each figure: the first row's before is the starting value, each before is the previous after, and the last after is what is stored.</summary>
    private static void AssertContinuousHistory(List<AuditEntry> rows, FiguresModel model, string context)
    {
        var fields = Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Select(y => $"Logro esperado {y}").Append(BaselineField).ToList();
        Assert.All(rows, r => Assert.Contains(r.Field.Replace(" (revisión)", "", StringComparison.Ordinal), fields));
        foreach (var field in fields)
        {
            var chain = rows.Where(r => r.Field.Replace(" (revisión)", "", StringComparison.Ordinal) == field).ToList();
            var expected = FiguresModel.Initial.Text(field);
            foreach (var row in chain)
            {
                Assert.True(row.Before == expected, $"{context}: {row.Field} says before «{row.Before}», the previous value was «{expected}»");
                expected = row.After;
            }

            Assert.True(expected == model.Text(field), $"{context}: the history of {field} ends at «{expected}», «{model.Text(field)}» is stored");
            Assert.All(chain.Where(r => r.Field != BaselineField), r =>
                Assert.Equal(r.Before is not null && int.Parse(field[^4..], CultureInfo.InvariantCulture) <= CurrentYear, r.Field.EndsWith(" (revisión)", StringComparison.Ordinal)));
        }
    }

    private async Task<FiguresModel> ResetAsync(int indicatorId, UnitOfMeasure unit)
    {
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var indicator = await db.Indicators.Include(i => i.Targets).SingleAsync(i => i.Id == indicatorId);
        (indicator.Unit, indicator.AllowsOver100) = (unit, false);
        (indicator.BaselineYear, indicator.BaselineValue) = (FiguresModel.Initial.BaselineYear, FiguresModel.Initial.BaselineValue);
        foreach (var (year, value) in FiguresModel.Initial.Targets)
        {
            var target = indicator.Targets.SingleOrDefault(t => t.Year == year);
            if (target is null)
            {
                indicator.Targets.Add(new AnnualTarget { IndicatorId = indicatorId, Year = year, Value = value });
            }
            else
            {
                (target.Value, target.OriginalValue, target.RevisionReason) = (value, null, null);
            }
        }

        await db.SaveChangesAsync();
        return new FiguresModel();
    }

    private Task<List<AuditEntry>> AuditAsync(int indicatorId, long since) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.IndicatorId == indicatorId && a.Id > since).OrderBy(a => a.Id).ToListAsync());

    private Task<FiguresSnapshot> StoredAsync(int indicatorId) => app.QueryAsync(async db =>
    {
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).SingleAsync(i => i.Id == indicatorId);
        return new FiguresSnapshot(
            indicator.BaselineYear,
            indicator.BaselineValue,
            indicator.Targets.ToDictionary(t => t.Year, t => t.Value),
            indicator.Targets.Where(t => t.OriginalValue is not null).ToDictionary(t => t.Year, t => t.OriginalValue!.Value));
    });

    /// <summary>The figures of the indicator at one moment, as the model and the database both describe them.</summary>
    private sealed record FiguresSnapshot(int? BaselineYear, decimal? BaselineValue, IReadOnlyDictionary<int, decimal> Targets, IReadOnlyDictionary<int, decimal> Originals)
    {
        public static string Show(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

        public string? Text(string field) => field == BaselineField
            ? BaselineYear is null && BaselineValue is null ? null : $"{(BaselineValue is { } v ? Show(v) : "sin valor")} ({BaselineYear?.ToString(CultureInfo.InvariantCulture) ?? "sin año"})"
            : Targets.TryGetValue(int.Parse(field[^4..], CultureInfo.InvariantCulture), out var target) ? Show(target) : null;

        /// <summary>Número: whole and not negative; Porcentaje: between 0 and 100.</summary>
        public static bool Obeys(UnitOfMeasure unit, decimal figure) =>
            unit == UnitOfMeasure.Numero ? figure >= 0m && figure == decimal.Truncate(figure) : figure is >= 0m and <= 100m;

        public bool ObeysTheRules(UnitOfMeasure unit) => Targets.Values.Concat(BaselineValue is { } b ? [b] : []).All(f => Obeys(unit, f));

        public override string ToString() =>
            $"{Text(BaselineField) ?? "sin línea base"} | " +
            string.Join(" ", Targets.OrderBy(t => t.Key).Select(t => $"{t.Key}={Show(t.Value)}{(Originals.TryGetValue(t.Key, out var o) ? $"(original {Show(o)})" : "")}"));
    }

    /// <summary>What the rules say the indicator's figures become after each edit: written here from the rules, not from the domain code.</summary>
    private sealed class FiguresModel
    {
        public static readonly FiguresSnapshot Initial = new(2023, 40m,
            Enumerable.Range(FirstYear, LastYear - FirstYear + 1).ToDictionary(y => y, y => (y - FirstYear + 1) * 10m), new Dictionary<int, decimal>());

        private int? baselineYear = Initial.BaselineYear;
        private decimal? baselineValue = Initial.BaselineValue;
        private readonly SortedDictionary<int, decimal> targets = new(Initial.Targets.ToDictionary());
        private readonly Dictionary<int, decimal> originals = [];

        /// <summary>The figures before the last edit (what a downloaded matrix shows).</summary>
        public FiguresSnapshot Previous { get; private set; } = Initial;

        private FiguresSnapshot Now => new(baselineYear, baselineValue, targets, originals);

        public string? Text(string field) => Now.Text(field);

        /// <summary>Whether the rules accept the edit, and whether it changes anything.</summary>
        public (bool Accepted, bool Changed) Apply(UnitOfMeasure unit, Edit edit)
        {
            Previous = new FiguresSnapshot(baselineYear, baselineValue, new Dictionary<int, decimal>(targets), new Dictionary<int, decimal>(originals));
            decimal? value = edit.Text.Length == 0 ? null : decimal.Parse(edit.Text, CultureInfo.InvariantCulture);
            if (edit.Year is { } year)
            {
                var existing = targets.TryGetValue(year, out var stored) ? stored : (decimal?)null;
                if (value is null)
                {
                    if (existing is null)
                    {
                        return (true, false);
                    }

                    if (year <= CurrentYear)
                    {
                        return (false, false);
                    }

                    targets.Remove(year);
                    return (true, true);
                }

                if (!Obeys(unit, value.Value))
                {
                    return (false, false);
                }

                if (existing == value)
                {
                    return (true, false);
                }

                if (existing is { } first && year <= CurrentYear)
                {
                    originals.TryAdd(year, first);
                }

                targets[year] = value.Value;
                return (true, true);
            }

            if (edit.BaselineYear is < 2000 or > 2100 || (value is not null && edit.BaselineYear is null) || (value is { } v && !Obeys(unit, v)))
            {
                return (false, false);
            }

            if (edit.BaselineYear == baselineYear && value == baselineValue)
            {
                return (true, false);
            }

            (baselineYear, baselineValue) = (edit.BaselineYear, value);
            return (true, true);
        }

        public override string ToString() => Now.ToString();

        private static bool Obeys(UnitOfMeasure unit, decimal figure) => FiguresSnapshot.Obeys(unit, figure);
    }
}
