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

    private static readonly HtmlString PendingBadge = new(
        $"<span class=\"status st-gris\"><span aria-hidden=\"true\">◔</span> {HtmlEncoder.Default.Encode(ProgressFormat.Label(ProgressStatus.SinDato))} <span class=\"pending\">(pendiente de validación)</span></span>");

    public static IHtmlContent Of(ProgressStatus status) => Badges[status];

    /// <summary>A period's badge: "sin dato" says when a value awaits validation.</summary>
    public static IHtmlContent Of(PeriodProgress period) =>
        period.Status == ProgressStatus.SinDato && period.PendingValidation ? PendingBadge : Badges[period.Status];

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
