using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace PeiTracker.Web.Tests.Infrastructure;

public static class HttpClientExtensions
{
    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }

        return await ParseAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(html));
    }

    /// <summary>
    /// Loads the page and posts its form as a browser would: the form's hidden fields (anti-forgery
    /// token, concurrency stamps) plus the given fields, which win.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? formSelector = null)
    {
        var page = await client.GetDocumentAsync(url);
        var form = (IHtmlFormElement?)page.QuerySelector(formSelector ?? "main form[method=post]")
            ?? throw new InvalidOperationException($"No form on {url}");
        var values = new Dictionary<string, string>();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden][name]"))
        {
            values.TryAdd(hidden.GetAttribute("name")!, hidden.GetAttribute("value") ?? "");
        }

        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
