using System.Net;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>An empty file is refused with its reason; a file input left blank is simply no file.</summary>
[Collection(AppCollection.Name)]
public class EmptyEvidenceTests(AppFixture app)
{
    /// <summary>Posts the value with one evidence part named as a browser names it (filename="" for an input left blank).</summary>
    private async Task<HttpResponseMessage> PostAsync(int indicatorId, string value, string fileName)
    {
        var client = await app.LoginAsync();
        var url = $"/Registro/Valor/{indicatorId}?anio=2025&periodo=A";
        var form = new MultipartFormDataContent
        {
            { new StringContent(await client.AntiforgeryTokenAsync(url)), "__RequestVerificationToken" },
            { new StringContent(value), "Valor" },
            { new StringContent("Comentario de prueba"), "Comentario" },
        };
        var file = new ByteArrayContent([]);
        file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"Evidencias\"", FileName = $"\"{fileName}\"" };
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file);

        return await client.PostAsync(url + "&handler=Save", form);
    }

    private Task<int> ValuesOfAsync(int indicatorId) => app.QueryAsync(db => db.Values.CountAsync(v => v.IndicatorId == indicatorId && v.Year == 2025 && v.Period == PeriodKind.Anual));

    [Fact]
    public async Task Save_EmptyEvidenceFile_IsRefusedWithASpanishMessageAndNothingSaved()
    {
        var indicator = await app.IndicatorWithFullDataAsync(21);
        var auditBefore = await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == indicator.Id));

        var response = await PostAsync(indicator.Id, Target(indicator), "acta.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("acta.pdf: El archivo está vacío.", await AccountTestData.FieldErrorAsync(response, "Evidencias"));
        Assert.Equal(0, await ValuesOfAsync(indicator.Id));
        Assert.Equal(auditBefore, await app.QueryAsync(db => db.AuditEntries.CountAsync(a => a.IndicatorId == indicator.Id)));
    }

    [Fact]
    public async Task Save_FileInputLeftBlank_SavesTheValueWithoutEvidence()
    {
        var indicator = await app.IndicatorWithFullDataAsync(22);

        var response = await PostAsync(indicator.Id, Target(indicator), "");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, await ValuesOfAsync(indicator.Id));
    }

    private static string Target(Indicator indicator) => indicator.TargetFor(2025)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
