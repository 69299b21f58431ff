using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Tests.Infrastructure;

namespace PeiTracker.Web.Tests.Registro;

/// <summary>
/// "No value yet" is a version like any other: two first entries of one period, from the form and from the API,
/// give one saved value and one conflict, whichever comes first, and never an overwrite.
/// </summary>
[Collection(AppCollection.Name)]
public class FirstEntryConflictTests(AppFixture app)
{
    private const int Year = ValueTestPlan.Year;

    private static string ApiUrl(int indicatorId) => $"/api/v1/indicadores/{indicatorId}/valores";

    private Task<List<IndicatorValue>> ValuesAsync(int indicatorId) =>
        app.QueryAsync(db => db.Values.AsNoTracking().Where(v => v.IndicatorId == indicatorId).ToListAsync());

    private Task<List<AuditEntry>> AuditAsync(int indicatorId) =>
        app.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.IndicatorId == indicatorId && a.Kind == AuditKind.Valor).OrderBy(a => a.Id).ToListAsync());

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static async Task<string> PageTextAsync(HttpResponseMessage response) =>
        (await HttpClientExtensions.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("main")!.TextContent;

    [Theory]
    [InlineData(true, null)]
    [InlineData(true, 0u)]
    [InlineData(false, null)]
    [InlineData(false, 0u)]
    public async Task FirstEntries_FormAndApiOfTheSamePeriod_OneIsSavedAndTheOtherConflicts(bool formFirst, uint? apiVersion)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, browser, api) = await plan.RegistradorAsync(app);
        var id = plan.Indicators[0];
        var form = await OpenedValueForm.OpenAsync(browser, id, Year, "S1");
        Task<HttpResponseMessage> PostApi() => api.PostAsJsonAsync(ApiUrl(id), new { anio = Year, periodo = "PrimerSemestre", valor = "60", comentario = "Desde la API", version = apiVersion });

        HttpResponseMessage formAnswer, apiAnswer;
        if (formFirst)
        {
            formAnswer = await form.SaveAsync("40", "Desde el formulario");
            apiAnswer = await PostApi();
        }
        else
        {
            apiAnswer = await PostApi();
            formAnswer = await form.SaveAsync("40", "Desde el formulario");
        }

        Assert.Equal("0", form.Version);
        var stored = Assert.Single(await ValuesAsync(id));
        var audit = Assert.Single(await AuditAsync(id));
        Assert.Equal(PeriodKind.PrimerSemestre, stored.Period);
        Assert.Null(audit.Before);
        if (formFirst)
        {
            Assert.Equal(HttpStatusCode.Redirect, formAnswer.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, apiAnswer.StatusCode);
            Assert.Equal("application/problem+json", apiAnswer.Content.Headers.ContentType?.MediaType);
            Assert.Contains(apiVersion is null ? "lea primero el valor actual y su versión" : "Otra persona guardó este valor", await DetailAsync(apiAnswer));
            Assert.Equal(40m, stored.Value);
            Assert.Contains("Desde el formulario", audit.After);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, apiAnswer.StatusCode);
            Assert.Equal(HttpStatusCode.OK, formAnswer.StatusCode);
            var page = await PageTextAsync(formAnswer);
            Assert.Contains("Otra persona guardó este valor", page);
            Assert.Contains("Desde la API", page);
            Assert.Equal(60m, stored.Value);
            Assert.Contains("Desde la API", audit.After);
        }
    }

    /// <summary>Pauses the first INSERT of a value until a callback (the rival request) has finished.</summary>
    private sealed class PauseFirstValueInsert : DbCommandInterceptor
    {
        private int armed = 1;

        public Func<Task> WhilePaused { get; set; } = () => Task.CompletedTask;

        public bool Paused { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await PauseIfFirstValueInsertAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await PauseIfFirstValueInsertAsync(command);
            return result;
        }

        private async Task PauseIfFirstValueInsertAsync(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO indicator_values", StringComparison.Ordinal) && Interlocked.Exchange(ref armed, 0) == 1)
            {
                Paused = true;
                await WhilePaused();
            }
        }
    }

    /// <summary>
    /// Both requests pass every check, the version check included, before either writes: the one held at its
    /// INSERT finds the other's value there (the unique index) and answers a conflict, with nothing of its own saved.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FirstEntries_RacingToTheInsert_OneIsSavedAndTheOtherConflicts(bool formWins)
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var id = plan.Indicators[0];
        var interceptor = new PauseFirstValueInsert();
        await using var factory = app.Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(interceptor))));
        HttpClient NewClient() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var (_, browser, api) = await plan.RegistradorAsync(app, NewClient(), NewClient);
        var form = await OpenedValueForm.OpenAsync(browser, id, Year, "S2");
        Task<HttpResponseMessage> PostForm() => form.SaveAsync("40", "Desde el formulario");
        Task<HttpResponseMessage> PostApi() => api.PostAsJsonAsync(ApiUrl(id), new { anio = Year, periodo = "S2", valor = "60", comentario = "Desde la API" });
        HttpResponseMessage? winner = null;
        interceptor.WhilePaused = async () => winner = await (formWins ? PostForm() : PostApi());

        var loser = await (formWins ? PostApi() : PostForm()).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(interceptor.Paused);
        var stored = Assert.Single(await ValuesAsync(id));
        var audit = Assert.Single(await AuditAsync(id));
        Assert.Equal(formWins ? 40m : 60m, stored.Value);
        Assert.Contains(formWins ? "Desde el formulario" : "Desde la API", audit.After);
        Assert.Equal(formWins ? HttpStatusCode.Redirect : HttpStatusCode.OK, winner!.StatusCode);
        if (formWins)
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Contains("Otra persona guardó este valor", await DetailAsync(loser));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
            Assert.Contains("Otra persona guardó este valor", await PageTextAsync(loser));
        }
    }

    [Fact]
    public async Task Api_WithTheVersionItRead_CorrectsTheValueAndAuditsTheTrueBefore()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, _, api) = await plan.RegistradorAsync(app);
        var id = plan.Indicators[0];
        await api.PostAsJsonAsync(ApiUrl(id), new { anio = Year, valor = "90", comentario = "Primera versión" });
        var read = await api.GetFromJsonAsync<JsonElement>($"/api/v1/indicadores/{id}");
        var version = read.GetProperty("values")[0].GetProperty("version").GetUInt32();

        var corrected = await api.PostAsJsonAsync(ApiUrl(id), new { anio = Year, periodo = "Anual", valor = "95", comentario = "Corregido", version });
        var stale = await api.PostAsJsonAsync(ApiUrl(id), new { anio = Year, periodo = "A", valor = "99", comentario = "Con la versión vieja", version });

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(95m, Assert.Single(await ValuesAsync(id)).Value);
        var audit = await AuditAsync(id);
        Assert.Equal(2, audit.Count);
        Assert.Equal(audit[0].After, audit[1].Before);
        Assert.Contains("Primera versión", audit[1].Before);
        Assert.Contains("Corregido", audit[1].After);
    }

    [Fact]
    public async Task Form_AfterAConflict_ShowsTheNewVersionSoSavingAgainOverwritesDeliberately()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, browser, api) = await plan.RegistradorAsync(app);
        var id = plan.Indicators[0];
        var form = await OpenedValueForm.OpenAsync(browser, id, Year, "A");
        await api.PostAsJsonAsync(ApiUrl(id), new { anio = Year, valor = "60", comentario = "Desde la API" });
        var fromApi = Assert.Single(await ValuesAsync(id)).Version;
        var conflict = await form.SaveAsync("40", "Desde el formulario");
        var reviewed = new OpenedValueForm(browser, await HttpClientExtensions.ParseAsync(await conflict.Content.ReadAsStringAsync()), id);

        var again = await reviewed.SaveAsync("40", "Desde el formulario, después de revisar");

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Equal(fromApi.ToString(System.Globalization.CultureInfo.InvariantCulture), reviewed.Version);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(40m, Assert.Single(await ValuesAsync(id)).Value);
        var audit = await AuditAsync(id);
        Assert.Equal(2, audit.Count);
        Assert.Contains("Desde la API", audit[1].Before);
    }

    [Fact]
    public async Task Form_SavedAgainWithoutChanges_WritesNothingAndNoAuditRow()
    {
        var plan = await ValueTestPlan.CreateAsync(app, 1);
        var (_, browser, _) = await plan.RegistradorAsync(app);
        var id = plan.Indicators[0];
        await (await OpenedValueForm.OpenAsync(browser, id, Year, "A")).SaveAsync(ValueTestPlan.OnTarget, "Sin novedad");
        var version = Assert.Single(await ValuesAsync(id)).Version;

        var again = await (await OpenedValueForm.OpenAsync(browser, id, Year, "A")).SaveAsync(ValueTestPlan.OnTarget, "Sin novedad");

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(version, Assert.Single(await ValuesAsync(id)).Version);
        Assert.Single(await AuditAsync(id));
        Assert.Contains("no había cambios", await (await browser.GetAsync(again.Headers.Location!)).Content.ReadAsStringAsync());
    }
}
