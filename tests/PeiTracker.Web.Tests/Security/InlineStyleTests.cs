using Microsoft.EntityFrameworkCore;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Security;

/// <summary>
/// The content security policy refuses inline styles, so an element carrying one logs an error in the browser on every
/// visit. An empty validation summary is such an element; the edit forms render theirs only when there are errors.
/// </summary>
[Collection(AppCollection.Name)]
public class InlineStyleTests(AppFixture app)
{
    [Theory]
    [InlineData("/Plan/Indicador/{indicator}/Editar")]
    [InlineData("/Plan/Indicador/{indicator}/Formula")]
    [InlineData("/Plan/Objetivo/{objective}/Editar")]
    [InlineData("/Plan/Objetivo/{objective}/Pgg")]
    [InlineData("/Plan/Articulacion/Relacion/{link}")]
    [InlineData("/Administracion/Configuracion")]
    public async Task EditForm_WithoutErrors_CarriesNoInlineStyle(string template)
    {
        var indicator = await app.QueryAsync(db => db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var objective = await app.QueryAsync(db => db.Objectives.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var link = await app.QueryAsync(db => db.SectoralLinks.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());
        var url = template.Replace("{indicator}", indicator.ToString()).Replace("{objective}", objective.ToString()).Replace("{link}", link.ToString());
        var admin = await app.LoginAsync();

        var page = await admin.GetDocumentAsync(url);

        Assert.NotNull(page.QuerySelector("main form"));
        Assert.Empty(page.QuerySelectorAll("main [style]").Select(e => e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]));
    }
}
