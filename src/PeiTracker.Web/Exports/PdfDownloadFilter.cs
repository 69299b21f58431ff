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
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            http.Response.Body = originalBody;
        }

        if (http.Response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(originalBody);
            return;
        }

        byte[] bytes;
        var queue = http.RequestServices.GetRequiredService<PdfRenderQueue>();
        using (var slot = await queue.EnterAsync(http.RequestAborted))
        {
            if (slot is null)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                http.Response.Headers.RetryAfter = queue.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await originalBody.WriteAsync(System.Text.Encoding.UTF8.GetBytes(PdfRenderQueue.BusyMessage), http.RequestAborted);
                return;
            }

            bytes = await pdf.RenderAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()), http.RequestAborted);
        }

        await http.RequestServices.GetRequiredService<Data.AppDbContext>().RecordAsync(
            http.RequestServices.GetRequiredService<TimeProvider>(), http.User, fileName, $"PDF de {http.Request.Path}{http.Request.QueryString}", null, http.RequestAborted);
        http.Response.ContentType = "application/pdf";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        http.Response.ContentLength = bytes.Length;
        await originalBody.WriteAsync(bytes, http.RequestAborted);
    }
}
