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
