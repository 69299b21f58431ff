using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeiTracker.Web.Exports;

namespace PeiTracker.Web.Pages.Reportes;

/// <summary>
/// Publishing the Informe stores it as a PDF that shows the approval: when the publish handler answers with the page
/// (<see cref="InformeModel.ForPublication"/>), the page is rendered into a buffer and printed by Chromium before
/// anything is written, so no transaction waits on the printer; then the publication is written with the PDF and the
/// person is sent back to the page, as after every other post.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InformePublicationAttribute : Attribute, IAsyncResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Controller is not InformeModel { ForPublication: true } model || context.Result is not PageResult)
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        var page = await PdfDownloadAttribute.BufferedAsync(http, next);
        var printed = http.Response.StatusCode == StatusCodes.Status200OK ? await PdfDownloadAttribute.RenderQueuedAsync(http, page) : null;
        var location = await model.CompletePublicationAsync(printed);
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status302Found;
        http.Response.Headers.Location = location;
    }
}
