using Microsoft.AspNetCore.Mvc.Filters;

namespace PeiTracker.Web.Exports;

/// <summary>
/// On a page marked with this filter, "?formato=pdf" returns the same page printed to PDF by
/// the server, so the print view and the PDF can never disagree. Renders take turns (PdfRenderQueue).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PdfDownloadAttribute(string fileName) : Attribute, IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!string.Equals(http.Request.Query["formato"], "pdf", StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        var pdf = http.RequestServices.GetRequiredService<ChromiumPdf>();
        if (!pdf.IsAvailable)
        {
            context.Result = new Microsoft.AspNetCore.Mvc.ContentResult
            {
                StatusCode = StatusCodes.Status503ServiceUnavailable,
                ContentType = "text/plain; charset=utf-8",
                Content = "El servidor no tiene Chromium para generar PDF. Use Imprimir > Guardar como PDF en su navegador.",
            };
            await next();
            return;
        }

        var originalBody = http.Response.Body;
        var page = await BufferedAsync(http, next);
        if (http.Response.StatusCode != StatusCodes.Status200OK)
        {
            await originalBody.WriteAsync(page, http.RequestAborted);
            return;
        }

        var queue = http.RequestServices.GetRequiredService<PdfRenderQueue>();
        if (await RenderQueuedAsync(http, page) is not { } bytes)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = queue.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentType = "text/plain; charset=utf-8";
            await originalBody.WriteAsync(System.Text.Encoding.UTF8.GetBytes(PdfRenderQueue.BusyMessage), http.RequestAborted);
            return;
        }

        await http.RequestServices.GetRequiredService<Data.AppDbContext>().RecordAsync(
            http.RequestServices.GetRequiredService<TimeProvider>(), http.User, fileName, $"PDF de {http.Request.Path}{http.Request.QueryString}", null, http.RequestAborted);
        http.Response.ContentType = "application/pdf";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.ContentLength = bytes.Length;
        await originalBody.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>Runs the rest of the result (the page's rendering) into memory instead of the response, and returns what it wrote.</summary>
    public static async Task<byte[]> BufferedAsync(HttpContext http, ResultExecutionDelegate next)
    {
        var body = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = body;
        }

        return buffer.ToArray();
    }

    /// <summary>The page's HTML printed to PDF in its turn of the <see cref="PdfRenderQueue"/>; null when the queue is full.</summary>
    public static async Task<byte[]?> RenderQueuedAsync(HttpContext http, byte[] html)
    {
        var queue = http.RequestServices.GetRequiredService<PdfRenderQueue>();
        using var slot = await queue.EnterAsync(http.RequestAborted);
        return slot is null ? null : await http.RequestServices.GetRequiredService<ChromiumPdf>().RenderAsync(System.Text.Encoding.UTF8.GetString(html), http.RequestAborted);
    }
}
