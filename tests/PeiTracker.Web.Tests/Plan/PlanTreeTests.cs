using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

[Collection(AppCollection.Name)]
public class PlanTreeTests(AppFixture app)
{
    [Fact]
    public async Task PlanTree_SeededPlan_ShowsElevenObjectivesInPriorityOrder()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan");

        var objectives = page.QuerySelectorAll("section.card-oei h2").Select(h => h.TextContent).ToList();
        Assert.Equal(11, objectives.Count);
        var priorities = objectives.Select(t => int.Parse(System.Text.RegularExpressions.Regex.Match(t, @"Prioridad (\d+)").Groups[1].Value)).ToList();
        Assert.Equal(priorities.Order(), priorities);
    }

    [Fact]
    public async Task PlanTree_SeededPlan_ShowsFortyNineActions()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan");

        Assert.Equal(49, page.QuerySelectorAll("details.tree-aei").Length);
    }

    [Fact]
    public async Task PlanTree_IndicatorsWithTranscriptionNotes_AreMarkedAsSuchNotAsObserved()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan");

        var badges = page.QuerySelectorAll("ul.indicator-list .badge").Select(b => (Text: b.TextContent.Trim(), Class: b.ClassName!)).ToList();
        Assert.Contains(badges, b => b.Text == "nota de transcripción" && b.Class.Contains("badge-nota"));
        Assert.DoesNotContain(badges, b => b.Text.Contains("observ", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PlanTree_EveryIndicatorLink_OpensItsPage()
    {
        var client = await app.LoginAsync();
        var page = await client.GetDocumentAsync("/Plan");

        var links = page.QuerySelectorAll("ul.indicator-list a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.True(response.IsSuccessStatusCode, $"{link} answered {(int)response.StatusCode}");
        }
    }
}

[Collection(AppCollection.Name)]
public class PlanTreeFilterTests(AppFixture app)
{
    // Read from the document: the Ruta estratégica's "Vinculación con la PGG" column, and the Anexo B-1 (OEI.10 with
    // AES.01.01, OEI.09 with AES.01.02, OEI.06 with AES.01.06, OEI.07 with AES.02.01, OEI.11 with every AES).
    [Theory]
    [InlineData("eje=10", "OEI.01 OEI.02 OEI.03 OEI.04 OEI.05 OEI.09",
        "AEI.01.01 AEI.01.02 AEI.01.03 AEI.01.04 AEI.01.07 AEI.02.01 AEI.03.01 AEI.03.02 AEI.03.03 AEI.04.01 AEI.05.01 AEI.05.02 AEI.09.02")]
    [InlineData("eje=1", "OEI.06 OEI.07 OEI.08 OEI.10", "AEI.08.01 AEI.10.01 AEI.10.03 AEI.10.04")]
    [InlineData("eje=6", "OEI.11", "AEI.11.01 AEI.11.03 AEI.11.10")]
    [InlineData("oes=OES.01", "OEI.06 OEI.09 OEI.10 OEI.11",
        "AEI.06.01 AEI.06.02 AEI.06.03 AEI.09.01 AEI.09.02 AEI.09.03 AEI.10.01 AEI.10.02 AEI.10.03 AEI.10.04 AEI.11.01 AEI.11.02 AEI.11.03 AEI.11.04 AEI.11.05 AEI.11.06 AEI.11.07 AEI.11.08 AEI.11.09 AEI.11.10 AEI.11.11 AEI.11.12")]
    [InlineData("oes=OES.02", "OEI.07 OEI.11",
        "AEI.07.01 AEI.07.02 AEI.11.01 AEI.11.02 AEI.11.03 AEI.11.04 AEI.11.05 AEI.11.06 AEI.11.07 AEI.11.08 AEI.11.09 AEI.11.10 AEI.11.11 AEI.11.12")]
    [InlineData("eje=10&oes=OES.01", "OEI.09", "AEI.09.02")]
    [InlineData("oes=oes.02&eje=1", "OEI.07", "")]
    public async Task PlanTree_Filter_ShowsOnlyWhatIsArticulatedToIt(string query, string objectives, string actions)
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan?" + query);

        var shown = page.QuerySelectorAll("section.card-oei h2 .code").Select(c => c.TextContent).Order(StringComparer.Ordinal).ToList();
        var shownActions = page.QuerySelectorAll("details.tree-aei").Select(d => d.Id!["aei-".Length..]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(objectives.Split(' '), shown);
        Assert.Equal(actions.Split(' ', StringSplitOptions.RemoveEmptyEntries), shownActions);
    }

    [Fact]
    public async Task PlanTree_EjeFilter_SaysWhichObjectivesAreShownOnlyForSomeOfTheirActions()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan?eje=1");

        var notes = page.QuerySelectorAll("section.card-oei").ToDictionary(s => s.QuerySelector("h2 .code")!.TextContent, s => s.QuerySelector(".filter-note")?.TextContent.Trim());
        Assert.Equal("Ninguna de sus acciones estratégicas se vincula con el eje 1 de la PGG.", notes["OEI.06"]);
        Assert.Equal("1 de sus 2 acciones estratégicas no se vinculan con el eje 1 de la PGG: no se muestran.", notes["OEI.08"]);
        Assert.StartsWith("Articulados con el eje 1 de la PGG: 4 objetivos estratégicos, 4 acciones estratégicas y ", page.QuerySelector("[data-testid=resumen-filtro]")!.TextContent);
    }

    [Theory]
    [InlineData("eje=99", "el eje 99 de la PGG")]
    [InlineData("oes=OES.09", "el OES.09 del PESEM")]
    [InlineData("eje=10&oes=OES.02", "el eje 10 de la PGG y el OES.02 del PESEM")]
    public async Task PlanTree_FilterWithNothingArticulated_SaysSoAndLinksTheWholePlan(string query, string description)
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan?" + query);

        var empty = page.QuerySelector("[data-testid=filtro-vacio]");
        Assert.NotNull(empty);
        Assert.Contains($"Ningún objetivo ni acción estratégica del plan está articulado con {description}.", empty.TextContent);
        Assert.Empty(page.QuerySelectorAll("section.card-oei"));
        Assert.Equal("/Plan?plan=MRE-PEI-2025-2030", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task PlanTree_FilterForm_IsAGetFormThatKeepsTheChosenValues()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan?eje=10&oes=OES.01");

        var form = page.QuerySelector("form[aria-label='Filtrar el plan por su articulación']")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("10", form.QuerySelector("select[name=eje] option[selected]")!.GetAttribute("value"));
        Assert.Equal("OES.01", form.QuerySelector("select[name=oes] option[selected]")!.GetAttribute("value"));
        Assert.Equal(["Todos los ejes", "Eje 1", "Eje 6", "Eje 10"], form.QuerySelectorAll("select[name=eje] option").Select(o => o.TextContent));
        Assert.Equal("/Plan?plan=MRE-PEI-2025-2030", form.QuerySelector("a")!.GetAttribute("href"));
    }
}
