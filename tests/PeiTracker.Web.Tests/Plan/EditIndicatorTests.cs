using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

[Collection(AppCollection.Name)]
public class EditIndicatorTests(AppFixture app)
{
    private static async Task<Dictionary<string, string>> CurrentFormAsync(HttpClient client, int id)
    {
        var page = await client.GetDocumentAsync($"/Plan/Indicador/{id}/Editar");
        var fields = new Dictionary<string, string>();
        foreach (var input in page.QuerySelectorAll("main form input[name], main form textarea[name], main form select[name]"))
        {
            var name = input.GetAttribute("name")!;
            var type = input.GetAttribute("type");
            if (name == "__RequestVerificationToken" || ((type == "checkbox") && !input.HasAttribute("checked")))
            {
                continue;
            }

            var value = input.LocalName switch
            {
                "textarea" => input.TextContent,
                "select" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? input.QuerySelector("option")?.GetAttribute("value") ?? "",
                _ => input.GetAttribute("value") ?? "",
            };
            if (name == "Input.UnitIds" && fields.TryGetValue(name, out var existing))
            {
                // Only the first unit is kept: enough for these tests, which do not change units.
                continue;
            }

            fields[name] = value;
        }

        return fields;
    }

    private static async Task<int> AuditCountAsync(AppFixture app, int indicatorId) =>
        await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == indicatorId));

    [Fact]
    public async Task Edit_PlannerChangesUnitWithReason_SavesAndRecordsBeforeAfterWhoWhy()
    {
        var indicator = await app.IndicatorWithFullDataAsync(1);
        var planner = await app.CreateUserAsync(Roles.Planificador);
        var client = await app.LoginAsync(planner);
        var form = await CurrentFormAsync(client, indicator.Id);
        form["Input.Decimals"] = indicator.Decimals == 3 ? "2" : "3";
        form["Input.Reason"] = "Ajuste de precisión acordado con CEPLAN";

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Editar", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = await app.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.IndicatorId == indicator.Id && a.Field == "Decimales"));
        Assert.Equal(planner, entry.UserName);
        Assert.Equal(indicator.Decimals.ToString(), entry.Before);
        Assert.Equal(form["Input.Decimals"], entry.After);
        Assert.Equal("Ajuste de precisión acordado con CEPLAN", entry.Reason);
        var saved = await app.QueryAsync(db => db.Indicators.SingleAsync(i => i.Id == indicator.Id));
        Assert.Equal(int.Parse(form["Input.Decimals"]), saved.Decimals);
    }

    [Fact]
    public async Task Edit_WithoutReason_IsRefusedAndChangesNothing()
    {
        var indicator = await app.IndicatorWithFullDataAsync(2);
        var client = await app.LoginAsync();
        var form = await CurrentFormAsync(client, indicator.Id);
        form["Input.Decimals"] = "4";
        form["Input.Reason"] = "";
        var auditBefore = await AuditCountAsync(app, indicator.Id);

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Editar", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Explique el motivo del cambio", await response.Content.ReadAsStringAsync());
        Assert.Equal(auditBefore, await AuditCountAsync(app, indicator.Id));
        Assert.Equal(indicator.Decimals, (await app.QueryAsync(db => db.Indicators.SingleAsync(i => i.Id == indicator.Id))).Decimals);
    }

    [Fact]
    public async Task Edit_BaselineWithDecimalComma_IsRefusedNeverReadAsThousands()
    {
        var indicator = await app.IndicatorWithFullDataAsync(2);
        var client = await app.LoginAsync();
        var form = await CurrentFormAsync(client, indicator.Id);
        form["Input.BaselineValue"] = "95,5";
        form["Input.Reason"] = "Corrección";

        var response = await client.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Editar", form);

        Assert.Contains(DecimalText.CommaMessage, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(indicator.BaselineValue, (await app.QueryAsync(db => db.Indicators.SingleAsync(i => i.Id == indicator.Id))).BaselineValue);
    }

    [Fact]
    public async Task Edit_StaleVersion_ShowsConflictAndKeepsTheOtherPersonsChange()
    {
        var indicator = await app.IndicatorWithFullDataAsync(3);
        var first = await app.LoginAsync();
        var second = await app.LoginAsync(await app.CreateUserAsync(Roles.Planificador));
        var firstForm = await CurrentFormAsync(first, indicator.Id);
        var secondForm = await CurrentFormAsync(second, indicator.Id);
        firstForm["Input.DataSource"] = "Registro administrativo de la DGA";
        firstForm["Input.Reason"] = "Primera edición";
        secondForm["Input.DataSource"] = "Encuesta propia";
        secondForm["Input.Reason"] = "Segunda edición";

        await first.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Editar", firstForm);
        var response = await second.SubmitFormAsync($"/Plan/Indicador/{indicator.Id}/Editar", secondForm);

        Assert.Contains("Otra persona", await response.Content.ReadAsStringAsync());
        var saved = await app.QueryAsync(db => db.Indicators.SingleAsync(i => i.Id == indicator.Id));
        Assert.Equal("Registro administrativo de la DGA", saved.DataSource);
    }

    [Theory]
    [InlineData(Roles.Consulta)]
    [InlineData(Roles.Registrador)]
    public async Task Edit_RoleWithoutPlanRights_IsDeniedOnGetAndPost(string role)
    {
        var indicator = await app.IndicatorWithFullDataAsync(4);
        var client = await app.LoginAsync(await app.CreateUserAsync(role));

        var get = await client.GetAsync($"/Plan/Indicador/{indicator.Id}/Editar");
        var post = await client.PostAsync($"/Plan/Indicador/{indicator.Id}/Editar", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "X", ["Input.Reason"] = "X" }));

        Assert.StartsWith("/Cuenta/AccesoDenegado", get.Headers.Location!.OriginalString);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(indicator.Name, (await app.QueryAsync(db => db.Indicators.SingleAsync(i => i.Id == indicator.Id))).Name);
    }
}
