using System.Net;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>A post that no handler of the page takes is refused with a Spanish 400, never rendered with an empty model.</summary>
[Collection(AppCollection.Name)]
public class UnknownHandlerTests(AppFixture app)
{
    public static TheoryData<string> Posts => new()
    {
        "/Registro/Valor/{id}?anio=2025&periodo=A&handler=Inexistente",
        "/Tablero?anio=2025&periodo=A",
        "/Plan/Indicador/{id}",
        "/Tablero/Nacional",
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Post_NoHandlerTakesIt_Answers400WithTheSpanishPage(string url)
    {
        var client = await app.LoginAsync();
        var indicator = await app.IndicatorWithFullDataAsync(0);
        var target = url.Replace("{id}", indicator.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // A valid anti-forgery token from a real form, so only the missing handler is at stake.
        var page = await client.GetDocumentAsync($"/Registro/Valor/{indicator.Id}?anio=2025&periodo=A");
        var token = page.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Valor"] = "95,5",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Solicitud no válida", await response.Content.ReadAsStringAsync());
    }
}
