using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Domain.Editing;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

/// <summary>
/// The método de cálculo as a formula, as people meet it: the planning office defines it on its page with a reason
/// and history; a unit enters the variables in the form or through the API and reads the computed value and its
/// substitution; a formula that cannot be computed is refused in Spanish and saves nothing.
/// </summary>
[Collection(AppCollection.Name)]
public class FormulaTests(AppFixture app)
{
    private static string FormulaUrl(int id) => $"/Plan/Indicador/{id}/Formula";

    private static string ValueUrl(int id) => $"/Registro/Valor/{id}?anio=2025&periodo=A";

    /// <summary>The planning office gives the plan's first indicator the formula, with one named variable per row.</summary>
    private async Task<HttpResponseMessage> DefineAsync(HttpClient planner, int id, string formula, params (string Code, string Name)[] variables)
    {
        var fields = new Dictionary<string, string> { ["Input.Formula"] = formula, ["Input.Reason"] = "Ficha técnica aprobada por la OGPP" };
        for (var i = 0; i < variables.Length; i++)
        {
            fields[$"Input.Variables[{i}].Code"] = variables[i].Code;
            fields[$"Input.Variables[{i}].Name"] = variables[i].Name;
        }

        return await planner.SubmitFormAsync(FormulaUrl(id), fields);
    }

    private async Task<HttpResponseMessage> PostVariablesAsync(HttpClient client, int id, params (string Code, string Figure)[] figures)
    {
        var page = await client.GetDocumentAsync(ValueUrl(id));
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(""), "Valor" },
            { new StringContent(page.QuerySelector("input[name=Version]")!.GetAttribute("value")!), "Version" },
            { new StringContent("2025"), "Anio" },
            { new StringContent("A"), "Periodo" },
        };
        foreach (var (code, figure) in figures)
        {
            form.Add(new StringContent(figure), $"Variables[{code}]");
        }

        return await client.PostAsync(page.QuerySelector("button[formaction*='handler=Save']")!.GetAttribute("formaction")!, form);
    }

    [Fact]
    public async Task Planner_DefinesAFormula_TheIndicatorPageShowsItAndTheHistoryHasItsTrueBeforeAndAfter()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        var planner = await app.LoginAsync();

        var response = await DefineAsync(planner, id, "A+B", ("A", "Atenciones en los consulados"), ("B", "Atenciones en las oficinas desconcentradas"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await planner.GetDocumentAsync($"/Plan/Indicador/{id}");
        var formula = page.QuerySelector("[data-testid=formula]")!.TextContent;
        Assert.Contains("A + B", formula);
        Assert.Contains("A: Atenciones en los consulados", formula);
        Assert.Contains("B: Atenciones en las oficinas desconcentradas", formula);
        var history = await app.QueryAsync(db => db.AuditEntries.Where(a => a.IndicatorId == id && a.Kind == AuditKind.Definicion).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(("V", "A + B"), history.Where(a => a.Field == AuditFields.Formula).Select(a => (a.Before, a.After)).Single());
        // The test plan's indicators were created without a starting formula's variable rows: the true before is none.
        Assert.Equal(((string?)null, "A: Atenciones en los consulados; B: Atenciones en las oficinas desconcentradas"),
            history.Where(a => a.Field == AuditFields.Variables).Select(a => (a.Before, a.After)).Single());
        Assert.All(history, a => Assert.Equal("Ficha técnica aprobada por la OGPP", a.Reason));
    }

    [Fact]
    public async Task Planner_RenamesOnlyAVariable_TheIndicatorPageShowsTheNewNameAtOnce()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        var planner = await app.LoginAsync();
        await DefineAsync(planner, id, "A + B", ("A", "Atenciones"), ("B", "Otras atenciones"));
        Assert.Contains("A: Atenciones", (await planner.GetDocumentAsync($"/Plan/Indicador/{id}")).QuerySelector("[data-testid=formula]")!.TextContent);

        await DefineAsync(planner, id, "A + B", ("A", "Atenciones en los consulados"), ("B", "Otras atenciones"));

        Assert.Contains("A: Atenciones en los consulados", (await planner.GetDocumentAsync($"/Plan/Indicador/{id}")).QuerySelector("[data-testid=formula]")!.TextContent);
    }

    [Theory]
    [InlineData("A +", "Fórmula no válida en la posición 4: falta un número o una variable al final.")]
    [InlineData("A * C", "Escriba qué mide la variable C (por ejemplo «Personas atendidas»).")]
    [InlineData("A ; B", "Fórmula no válida en la posición 3: no se esperaba «;».")]
    public async Task Planner_BadFormula_SeesWhyInSpanishAndNothingChanges(string formula, string message)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        var planner = await app.LoginAsync();

        var response = await DefineAsync(planner, id, formula, ("A", "Atenciones"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal("V", await app.QueryAsync(db => db.Indicators.Where(i => i.Id == id).Select(i => i.Formula).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.IndicatorId == id)));
    }

    [Fact]
    public async Task Registrador_EntersTheVariablesInTheForm_TheValueIsComputedAndKeptWithThem()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        await DefineAsync(await app.LoginAsync(), id, "A + B", ("A", "Atenciones en los consulados"), ("B", "Atenciones en las oficinas desconcentradas"));
        var (_, browser, _) = await plan.RegistradorAsync(app);

        var form = await browser.GetDocumentAsync(ValueUrl(id));
        Assert.Contains("Variables de la fórmula: A + B", form.QuerySelector("[data-testid=variables]")!.TextContent);
        var response = await PostVariablesAsync(browser, id, ("A", "60"), ("B", "40"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.QueryAsync(db => db.Values.Include(v => v.Variables).SingleAsync(v => v.IndicatorId == id));
        Assert.Equal(100m, stored.Value);
        Assert.Equal("A = 60; B = 40", Indicator.DescribeFigures(stored.Variables.OrderBy(v => v.Code)));
        var audit = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.IndicatorId == id && a.Kind == AuditKind.Valor));
        Assert.Equal("100.0 (borrador); variables: A = 60; B = 40", audit.After);
        var reopened = await browser.GetDocumentAsync(ValueUrl(id));
        Assert.Equal("60", reopened.QuerySelector("input[name='Variables[A]']")!.GetAttribute("value"));
        Assert.Equal("40", reopened.QuerySelector("input[name='Variables[B]']")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("A / B", "0", "No calculable: división por cero (B vale 0).")]
    [InlineData("A + B", "", "Escriba el valor de B (Segunda fuente).")]
    [InlineData("A + B", "4,5", "Use punto como separador decimal (por ejemplo 95.5), sin separador de miles.")]
    public async Task Registrador_VariablesThatCannotBeComputed_AreRefusedInSpanishAndNothingIsSaved(string formula, string b, string message)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        await DefineAsync(await app.LoginAsync(), id, formula, ("A", "Primera fuente"), ("B", "Segunda fuente"));
        var (_, browser, _) = await plan.RegistradorAsync(app);

        var response = await PostVariablesAsync(browser, id, ("A", "36"), ("B", b));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, System.Text.RegularExpressions.Regex.Escape(message)));
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == id)));
    }

    [Fact]
    public async Task Api_ListsTheFormulaAndTakesTheVariables_AnsweringWithTheComputedValue()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        await DefineAsync(await app.LoginAsync(), id, "A + B", ("A", "Atenciones en los consulados"), ("B", "Atenciones en las oficinas desconcentradas"));
        var (_, _, api) = await plan.RegistradorAsync(app);

        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{id}");
        Assert.Equal("A + B", detail.GetProperty("formula").GetString());
        Assert.Equal(["A:Atenciones en los consulados", "B:Atenciones en las oficinas desconcentradas"],
            detail.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("codigo").GetString() + ":" + v.GetProperty("nombre").GetString()));

        var response = await api.PostAsJsonAsync($"/api/v1/indicadores/{id}/valores", new { anio = 2025, periodo = "A", variables = new Dictionary<string, string> { ["A"] = "96", ["B"] = "4" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(100m, saved.GetProperty("value").GetDecimal());
        Assert.Equal(96m, saved.GetProperty("variables").GetProperty("A").GetDecimal());
        var reread = await api.GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{id}");
        Assert.Equal(4m, reread.GetProperty("values")[0].GetProperty("variables").GetProperty("B").GetDecimal());
    }

    [Fact]
    public async Task Api_MissingVariableOrDisagreeingValue_Answers400AndSavesNothing()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        await DefineAsync(await app.LoginAsync(), id, "A + B", ("A", "Primera fuente"), ("B", "Segunda fuente"));
        var (_, _, api) = await plan.RegistradorAsync(app);

        var missing = await api.PostAsJsonAsync($"/api/v1/indicadores/{id}/valores", new { anio = 2025, variables = new Dictionary<string, string> { ["A"] = "36" } });
        var disagreeing = await api.PostAsJsonAsync($"/api/v1/indicadores/{id}/valores", new { anio = 2025, valor = "41", variables = new Dictionary<string, string> { ["A"] = "36", ["B"] = "4" } });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Escriba el valor de B (Segunda fuente).", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, disagreeing.StatusCode);
        Assert.Contains("no coincide con el que dan las variables (A + B = 36 + 4 = 40)", await disagreeing.Content.ReadAsStringAsync());
        Assert.False(await app.QueryAsync(db => db.Values.AnyAsync(v => v.IndicatorId == id)));
    }

    [Fact]
    public async Task SeededPlan_PercentageIndicatorsStartAsNumeratorOverDenominator_OthersAsTheValue()
    {
        var formulas = await app.QueryAsync(db => db.Indicators.Where(i => i.Plan!.Code == "MRE-PEI-2025-2030")
            .Select(i => new { i.Unit, i.Formula, i.Inferred, Variables = i.Variables.Count }).ToListAsync());

        Assert.NotEmpty(formulas);
        Assert.All(formulas.Where(f => f.Unit == UnitOfMeasure.Porcentaje), f => Assert.Equal(("A / B × 100", true, 2), (f.Formula, f.Inferred.HasFlag(InferredFields.Formula), f.Variables)));
        Assert.All(formulas.Where(f => f.Unit != UnitOfMeasure.Porcentaje), f => Assert.Equal(("V", false, 1), (f.Formula, f.Inferred.HasFlag(InferredFields.Formula), f.Variables)));
    }
}
