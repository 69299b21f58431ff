using PeiTracker.Domain.Consistency;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Plan;

[Collection(AppCollection.Name)]
public class ValidationPageTests(AppFixture app)
{
    [Fact]
    public async Task Validation_SeededPlan_ShowsTheDuplicatedPublishedCode()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan/Validacion");

        var duplicates = page.QuerySelector($"table[data-kind='{PlanConsistencyChecker.DuplicateCode}']")!.TextContent;
        Assert.Contains("IAEI.11.03.01", duplicates);
    }

    [Fact]
    public async Task Validation_SeededPlan_ShowsCodesThatDoNotMatchTheirAction()
    {
        var client = await app.LoginAsync();

        var page = await client.GetDocumentAsync("/Plan/Validacion");

        var mismatched = page.QuerySelector($"table[data-kind='{PlanConsistencyChecker.MismatchedCode}']")!.TextContent;
        Assert.Contains("AEI.11.08", mismatched);
    }

    [Fact]
    public async Task Validation_EveryIssueLink_Resolves()
    {
        var client = await app.LoginAsync();
        var page = await client.GetDocumentAsync("/Plan/Validacion");

        var links = page.QuerySelectorAll("table.issue-table a").Select(a => a.GetAttribute("href")!).Distinct().Take(40).ToList();

        Assert.NotEmpty(links);
        foreach (var link in links)
        {
            Assert.True((await client.GetAsync(link)).IsSuccessStatusCode, link);
        }
    }
}
