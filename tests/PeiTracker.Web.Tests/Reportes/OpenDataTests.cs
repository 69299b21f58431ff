using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Reportes;

[Collection(AppCollection.Name)]
public class OpenDataTests(AppFixture app)
{
    private const string Base = "/DatosAbiertos/MRE-PEI-2025-2030/";

    /// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, CRLF.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString().TrimEnd('\r')); field.Clear(); rows.Add(row); row = []; }
            else { field.Append(c); }
        }

        return rows;
    }

    [Fact]
    public async Task IndicatorsCsv_Utf8WithBom_OneRowPerIndicatorWithTargets()
    {
        var client = await app.LoginAsync(await app.CreateUserAsync(Roles.Consulta));

        var bytes = await client.GetByteArrayAsync(Base + "indicadores.csv");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("codigo", rows[0][0]);
        Assert.Equal(104, rows.Count);
        var europe = rows.Single(r => r[1] == "IAEI.01.03.01");
        Assert.Equal("0.556", europe[rows[0].IndexOf("linea_base_valor")]);
        Assert.Equal("0.576", europe[rows[0].IndexOf("logro_esperado_2025")]);
        Assert.Contains(rows, r => r[4].Contains("Índice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProgressCsvAndJson_OnlyValidatedValues()
    {
        // Indicators of the official plan with a 2025 target but an incomplete row: no other test uses them.
        var candidates = await app.QueryAsync(db => db.Indicators.Include(i => i.Targets)
            .Where(i => i.Plan!.Code == "MRE-PEI-2025-2030" && i.Targets.Any(t => t.Year == 2025) && (i.Targets.Count < 6 || i.BaselineValue == null))
            .OrderByDescending(i => i.Id).Take(2).ToListAsync());
        var (validated, pending) = (candidates[0], candidates[1]);
        await using (var scope = app.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Values.Add(new IndicatorValue { IndicatorId = validated.Id, Year = 2025, Period = PeriodKind.Anual, Value = validated.TargetFor(2025), Status = ValueStatus.Validado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            db.Values.Add(new IndicatorValue { IndicatorId = pending.Id, Year = 2025, Period = PeriodKind.Anual, Value = pending.TargetFor(2025), Status = ValueStatus.Enviado, CreatedBy = "prueba", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var client = await app.LoginAsync();
        var csv = ParseCsv(Encoding.UTF8.GetString((await client.GetByteArrayAsync(Base + "avance.csv"))[3..]));
        var json = JsonDocument.Parse(await client.GetByteArrayAsync(Base + "plan.json")).RootElement;

        Assert.Contains(csv, r => r[1] == validated.Key && r[2] == "2025" && r[3] == "Anual" && r[6] == "100");
        // The value sent for review is never published; its year reads "sin dato, pendiente de validación".
        var pendingRow = Assert.Single(csv, r => r[1] == pending.Key && r[2] == "2025" && r[3] == "Anual");
        Assert.Equal(("", "Sin dato (pendiente de validación)"), (pendingRow[5], pendingRow[8]));
        Assert.Equal(103, json.GetProperty("indicadores").GetArrayLength());
        var fromJson = json.GetProperty("indicadores").EnumerateArray().Single(i => i.GetProperty("clave").GetString() == validated.Key);
        var annual2025 = fromJson.GetProperty("avance").EnumerateArray().Single(a => a.GetProperty("anio").GetInt32() == 2025 && a.GetProperty("periodo").GetString() == "Anual");
        Assert.Equal(100m, annual2025.GetProperty("avanceTipoI").GetDecimal());
    }

    [Fact]
    public async Task IndicatorsCsv_NameThatLooksLikeAFormula_GetsTheApostropheOfTheOneRule()
    {
        var indicator = await app.IndicatorWithFullDataAsync(21);
        const string Name = "=HYPERLINK(\"http://evil.example\",\"clic\")";
        await app.QueryAsync(db => db.Indicators.Where(i => i.Id == indicator.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, Name)));
        try
        {
            var client = await app.LoginAsync();

            var rows = ParseCsv(Encoding.UTF8.GetString((await client.GetByteArrayAsync(Base + "indicadores.csv"))[3..]));

            var row = rows.Single(r => r[1] == indicator.Key);
            Assert.Equal("'" + Name, row[rows[0].IndexOf("indicador")]);
            Assert.Equal(Exports.FormulaText.ForCsv(Name), row[rows[0].IndexOf("indicador")]);
        }
        finally
        {
            await app.QueryAsync(db => db.Indicators.Where(i => i.Id == indicator.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Name, indicator.Name)));
        }
    }

    [Fact]
    public async Task OpenData_SameData_SameBytes()
    {
        var client = await app.LoginAsync();

        Assert.Equal(await client.GetByteArrayAsync(Base + "plan.json"), await client.GetByteArrayAsync(Base + "plan.json"));
        Assert.Equal(await client.GetByteArrayAsync(Base + "indicadores.csv"), await client.GetByteArrayAsync(Base + "indicadores.csv"));
    }
}
