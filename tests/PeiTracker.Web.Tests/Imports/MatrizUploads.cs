using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Imports;

/// <summary>Uploads a Matriz del PEI and confirms its preview through the page, as a planner does.</summary>
public static class MatrizUploads
{
    public static async Task<IDocument> UploadAsync(HttpClient client, byte[] bytes, string fileName = "matriz.xlsx", string reason = "Actualización de metas")
    {
        var page = await client.GetDocumentAsync("/Plan/Matriz");
        var form = (IHtmlFormElement)page.QuerySelector("form.upload-form")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(reason), "Reason" },
            { new ByteArrayContent(bytes), "Upload", fileName },
        };
        var response = await client.PostAsync(form.GetAttribute("action"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, IDocument preview)
    {
        var form = (IHtmlFormElement)preview.QuerySelector("form.confirm-form")!;
        var fields = form.QuerySelectorAll("input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }
}
