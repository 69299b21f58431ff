using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PeiTracker.Load;

/// <summary>HTTP helpers shared by the modes: clients, sign-in through the login form, and a short reading of a failure.</summary>
public static partial class Web
{
    /// <summary>What the app says when PostgreSQL cannot be reached (DatabaseUnavailable.Message in the app).</summary>
    public const string DatabaseUnavailableMessage = "La base de datos no está disponible en este momento; intente de nuevo en unos segundos.";

    public static HttpClient Client(Uri baseAddress, TimeSpan timeout, CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 1000,
        })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };

    /// <summary>Signs in with the login form (anti-forgery token included); the client then carries the cookie.</summary>
    public static async Task LoginAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        var form = await client.GetStringAsync("/Cuenta/Ingresar", cancellationToken);
        var token = AntiforgeryToken().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The login page has no anti-forgery token.");
        using var response = await client.PostAsync("/Cuenta/Ingresar", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {email} failed: HTTP {(int)response.StatusCode}.");
        }
    }

    /// <summary>Sends a request, times it, and says in a few words what went wrong, if anything.</summary>
    public static async Task<(Sample Sample, string? Body)> TimedAsync(HttpClient client, string kind, Func<HttpRequestMessage> request, CancellationToken cancellationToken, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        try
        {
            using var message = request();
            using var response = await client.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            watch.Stop();
            var error = response.StatusCode == expect ? null : Describe(response, body);
            return (new Sample(kind, started, watch.Elapsed.TotalMilliseconds, error), body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            watch.Stop();
            var reason = ex is TaskCanceledException ? "timeout" : (ex.InnerException?.Message ?? ex.Message);
            return (new Sample(kind, started, watch.Elapsed.TotalMilliseconds, "no answer: " + reason), null);
        }
    }

    /// <summary>A failure said clearly: a 503 that carries the Spanish "database unavailable" message.</summary>
    public static bool IsClearUnavailable(string? error) =>
        error is not null && error.StartsWith("503 ", StringComparison.Ordinal) && error.Contains(DatabaseUnavailableMessage, StringComparison.Ordinal);

    private static string Describe(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var detail = json.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
                var errors = json.RootElement.TryGetProperty("errors", out var e) ? e.ToString() : null;
                return $"{status} problem: {detail} {errors}".Trim();
            }
            catch (JsonException)
            {
            }
        }

        if (status is >= 300 and < 400)
        {
            return $"{status} redirect to {response.Headers.Location}";
        }

        var lead = Lead().Match(body) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : body.Length > 120 ? body[..120] : body;
        return $"{status} page: {lead}";
    }

    /// <summary>The value of a hidden input of a page, by name (attributes in the order Razor writes them).</summary>
    public static string? HiddenValue(string html, string name)
    {
        var match = Regex.Match(html, $"<input type=\"hidden\"[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*type=\"hidden\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<p class=\"lead\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Lead();
}
