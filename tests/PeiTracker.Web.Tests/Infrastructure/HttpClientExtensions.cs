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

    /// <summary>Opens the page and posts its form as a browser would (every field it shows), with the given fields replaced.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, (string Name, string Value)[] changes, string selector = "main form[method=post]") =>
        await (await client.ReadFormAsync(url, selector)).PostAsync(client, changes);

    /// <summary>The page's form as a browser would send it (every field it shows), to post now or later (a stale form).</summary>
    public static async Task<FilledForm> ReadFormAsync(this HttpClient client, string url, string selector = "main form[method=post]")
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on {url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var e in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = e.GetAttribute("name")!;
            var type = e.GetAttribute("type");
            if (e.LocalName == "input" && (((type is "checkbox" or "radio") && !e.HasAttribute("checked")) || type is "submit" or "button" or "file"))
            {
                continue;
            }

            if (e.LocalName == "select")
            {
                var selected = e.QuerySelectorAll("option[selected]").Select(o => o.GetAttribute("value") ?? o.TextContent).ToList();
                fields.AddRange((selected.Count > 0 ? selected : [e.QuerySelector("option")?.GetAttribute("value") ?? ""]).Select(v => new KeyValuePair<string, string>(name, v)));
                continue;
            }

            fields.Add(new(name, e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? ""));
        }

        return new FilledForm(string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!, fields);
    }
}

/// <summary>A form's action and fields as the page showed them.</summary>
public sealed record FilledForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string? this[string name] => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>Posts the fields with the given ones replaced.</summary>
    public Task<HttpResponseMessage> PostAsync(HttpClient client, params (string Name, string Value)[] changes)
    {
        var changed = changes.Select(c => c.Name).ToHashSet();
        var fields = Fields.Where(f => !changed.Contains(f.Key)).Concat(changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        return client.PostAsync(Action, new FormUrlEncodedContent(fields));
    }
}
