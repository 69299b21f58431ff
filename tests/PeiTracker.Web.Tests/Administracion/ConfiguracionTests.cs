using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Administracion;

[Collection(AppCollection.Name)]
public class ConfiguracionTests(AppFixture app)
{
    /// <summary>A select cuts its chosen option to its width; these options are sentences, so they are radio buttons with whole labels.</summary>
    [Fact]
    public async Task Configuracion_Choices_AreRadiosWithWholeLabelsAndTheStoredOneChecked()
    {
        var admin = await app.LoginAsync();

        var page = await admin.GetDocumentAsync("/Administracion/Configuracion");

        Assert.Empty(page.QuerySelectorAll("main select"));
        var semester = page.QuerySelectorAll("input[type=radio][name='Input.SemesterExpectation']");
        Assert.Equal(["PorAgregacion", "MetaAnual", "SoloDefinidas"], semester.Select(r => r.GetAttribute("value") ?? "").ToArray());
        Assert.Single(semester, r => r.HasAttribute("checked"));
        Assert.Single(page.QuerySelectorAll("input[type=radio][name='Input.Weighting'][checked]"));
        Assert.Single(page.QuerySelectorAll("input[type=radio][name='Input.DashboardAvance'][checked]"));
        Assert.Equal(
            "Según el tipo de agregación: agregable, la mitad del logro esperado anual en el I semestre y el anual completo en el II; no agregable, el logro esperado anual",
            page.QuerySelector("label[for=semester-aggregation]")!.TextContent);
    }
}
