using AngleSharp.Dom;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// The entry form (/Registro/Valor/{id}) as a person opened it: posting it later sends what the page held then
/// (its anti-forgery token, the version it showed, the period), as a browser does.
/// </summary>
public sealed class OpenedValueForm(HttpClient browser, IDocument page, int indicatorId)
{
    public IDocument Page => page;

    /// <summary>The version the form carries (0 when the period had no value yet).</summary>
    public string Version => Hidden("Version");

    public static async Task<OpenedValueForm> OpenAsync(HttpClient browser, int indicatorId, int year, string period) =>
        new(browser, await browser.GetDocumentAsync($"/Registro/Valor/{indicatorId}?anio={year}&periodo={period}"), indicatorId);

    public Task<HttpResponseMessage> SaveAsync(string value, string comment, string handler = "Save") =>
        browser.PostAsync($"/Registro/Valor/{indicatorId}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden("__RequestVerificationToken"),
            ["Version"] = Version,
            ["Anio"] = Hidden("Anio"),
            ["Periodo"] = Hidden("Periodo"),
            ["Valor"] = value,
            ["Comentario"] = comment,
            ["MedioVerificacion"] = "Informe de la unidad",
        }));

    private string Hidden(string name) =>
        page.QuerySelector($"main form input[type=hidden][name={name}]")?.GetAttribute("value") ?? throw new InvalidOperationException($"The form has no {name}.");
}
