using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PeiTracker.Domain.Progress;

namespace PeiTracker.Web.Infrastructure;

/// <summary>
/// The semáforo badge: colour, a shape for those who cannot tell colours apart, and the word.
/// Rendered once per status and reused: a partial view per table row cost a view lookup and a
/// buffer each, a large part of a dashboard request.
/// </summary>
public static class StatusBadge
{
    private static readonly Dictionary<ProgressStatus, HtmlString> Badges =
        Enum.GetValues<ProgressStatus>().ToDictionary(s => s, Render);

    public static IHtmlContent Of(ProgressStatus status) => Badges[status];

    private static HtmlString Render(ProgressStatus status)
    {
        var (css, icon) = status switch
        {
            ProgressStatus.Verde => ("st-verde", "●"),
            ProgressStatus.Amarillo => ("st-amarillo", "▲"),
            ProgressStatus.Rojo => ("st-rojo", "■"),
            ProgressStatus.Cumple => ("st-verde", "✓"),
            ProgressStatus.NoCumple => ("st-rojo", "✗"),
            ProgressStatus.SinDato => ("st-gris", "○"),
            _ => ("st-gris", "–"),
        };
        return new HtmlString($"<span class=\"status {css}\"><span aria-hidden=\"true\">{icon}</span> {HtmlEncoder.Default.Encode(ProgressFormat.Label(status))}</span>");
    }
}
