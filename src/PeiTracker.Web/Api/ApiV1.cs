using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using PeiTracker.Domain;
using PeiTracker.Web.Data;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Api;

/// <summary>The JSON API for source systems, versioned under /api/v1, authenticated by personal tokens.</summary>
public static class ApiV1
{
    public const string Policy = "ApiV1";

    public sealed record PlanDto(string Code, string Name, string Institution, int FirstYear, int LastYear, string Status);

    public sealed record BaselineDto(int? Year, decimal? Value);

    public sealed record TargetDto(int Year, decimal Value, decimal? OriginalValue);

    /// <summary>A stored value; <see cref="Version"/> is what a write of the same period must send back.</summary>
    public sealed record ValueDto(int Id, int Year, string Period, decimal? Value, string Status, string? Comment, uint Version, IReadOnlyDictionary<string, decimal>? Variables);

    /// <summary>A variable of the indicator's formula, as POST …/valores takes it in <c>variables</c>.</summary>
    public sealed record VariableDto(string Codigo, string Nombre, string? Fuente, string? Unidad);

    public sealed record IndicatorDto(
        int Id,
        string Key,
        string PublishedCode,
        string Name,
        string Owner,
        string Unit,
        string Direction,
        string Aggregation,
        int Relevance,
        int Decimals,
        IReadOnlyList<string> ResponsibleUnits,
        BaselineDto Baseline,
        IReadOnlyList<TargetDto> Targets);

    /// <summary>An indicator with its values and its formula: the value of a period can be sent as the figures of <see cref="Variables"/>.</summary>
    public sealed record IndicatorDetailDto(IndicatorDto Indicator, IReadOnlyList<ValueDto> Values, string Formula, IReadOnlyList<VariableDto> Variables);

    /// <summary>A value sent by a source system: the same rules as the entry form.</summary>
    public sealed record ValueInput(
        int Anio,
        [property: Description("El valor obtenido como texto, con punto decimal (\"95.5\"), sin separador de miles.")] string? Valor,
        [property: Description(PeriodDescription)] string? Periodo = null,
        string? Comentario = null,
        string? MedioVerificacion = null,
        bool Enviar = false,
        [property: Description(VersionDescription)] uint? Version = null,
        [property: Description(VariablesDescription)] IReadOnlyDictionary<string, string?>? Variables = null,
        [property: Description(PointDescription)] string? PuntoDeRegistro = null);

    public const string PointDescription =
        "El código del punto de registro (consulado, embajada, representación permanente u oficina desconcentrada) cuyas cifras se registran, " +
        "solo para indicadores que se registran por punto: se guardan las variables del punto (enviar = true las envía a la unidad responsable), " +
        "no el valor del indicador, que se calcula de las sumas de los puntos aceptados. version es entonces la de las cifras del punto.";

    public const string VariablesDescription =
        "Las variables de la fórmula del indicador (campo formula de GET /api/v1/indicadores/{id}) como texto con punto decimal, " +
        "por ejemplo {\"A\": \"36\", \"B\": \"40\"}: el valor se calcula con la fórmula y valor puede omitirse. " +
        "Una división por cero o una variable faltante se rechaza con 400 y el motivo.";

    public const string PeriodDescription =
        "A, S1 o S2, o los nombres que la API devuelve (Anual, PrimerSemestre, SegundoSemestre), sin distinguir mayúsculas. " +
        "Si se omite, es el valor anual. Cualquier otro texto se rechaza con 400.";

    public const string VersionDescription =
        "La versión del valor que se leyó (campo version de GET /api/v1/indicadores/{id}), o 0 si el periodo aún no tiene valor. " +
        "Si otra persona lo cambió desde entonces, o si el periodo ya tiene un valor y no se envía versión, la respuesta es 409 y no se guarda nada.";

    /// <summary>What was saved; with <see cref="PuntoDeRegistro"/>, the point's figures, their own value and their state.</summary>
    public sealed record ValueSavedDto(int Id, int Year, string Period, decimal? Value, string Status, uint Version, IReadOnlyDictionary<string, decimal>? Variables, string? PuntoDeRegistro = null);

    /// <summary>One reporting point's figures in the breakdown: its own value is the formula on its own figures.</summary>
    public sealed record BreakdownPointDto(string Codigo, string Nombre, string Tipo, string Unidad, string Continente, string Pais, string? Departamento,
        IReadOnlyDictionary<string, decimal> Variables, decimal? Valor, string Explicacion, string Estado, uint Version);

    /// <summary>A region's sums of the accepted points' figures and the formula on them.</summary>
    public sealed record BreakdownRegionDto(string Continente, string? Pais, int Puntos, IReadOnlyDictionary<string, decimal> Variables, decimal? Valor, string Explicacion);

    /// <summary>
    /// An indicator's figures by reporting point and region for one period. Valor is the formula on the sums of the
    /// accepted points' figures (never the mean of their values); sinReporte lists the active points with no figures.
    /// </summary>
    public sealed record BreakdownDto(string Indicador, int Anio, string Periodo, string Formula, IReadOnlyDictionary<string, decimal> Variables, decimal? Valor, string Explicacion,
        int PuntosAceptados, IReadOnlyList<BreakdownPointDto> Puntos, IReadOnlyList<BreakdownRegionDto> Continentes, IReadOnlyList<BreakdownRegionDto> Paises, IReadOnlyList<string> SinReporte);

    /// <summary>
    /// An indicator in a period. Status "SinDato" means the period has a logro esperado and no counted value
    /// (PendingValidation when one was sent and awaits validation); "SinMeta" means it has no logro esperado.
    /// Target is what the period is judged against (TargetSource says where it comes from: the year's own, the
    /// semester's own, or derived from the annual one by the plan's rule); AnnualTarget and AvanceTipoIAnnualTarget
    /// are CEPLAN's column, against the year's logro esperado.
    /// </summary>
    public sealed record ProgressDto(
        string Key,
        string PublishedCode,
        string Status,
        decimal? AvanceTipoI,
        decimal? AvanceTipoII,
        decimal? Value,
        decimal? Target,
        string Projection,
        string StatusLabel,
        bool PendingValidation,
        string TargetSource,
        decimal? AnnualTarget,
        decimal? AvanceTipoIAnnualTarget,
        string ProjectionSummary);

    /// <summary>A roll-up: Included of Total indicators have an avance; the others are left out with their reason.</summary>
    public sealed record RollUpDto(string Code, decimal? Avance, string Status, IReadOnlyDictionary<string, int> Counts, int Included, int Total, IReadOnlyList<ExclusionDto> Excluded);

    public sealed record ExclusionDto(string Key, string Status, bool PendingValidation, string Reason);

    public sealed record PlanProgressDto(string Plan, int Year, string Period, bool IncludesPending, RollUpDto PlanRollUp, IReadOnlyList<RollUpDto> Objectives, IReadOnlyList<ProgressDto> Indicators);

    /// <summary>The name of the token scheme in the OpenAPI document.</summary>
    public const string BearerScheme = "TokenPersonal";

    /// <summary>
    /// What the OpenAPI document adds to what the endpoints declare: how to authenticate (a personal token as a
    /// Bearer header), and a Spanish description of every answer, so a generated client and its reader know both.
    /// </summary>
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "PeiTracker API";
            document.Info.Description = "Planes, indicadores, valores y avance del PEI para sistemas fuente. Respuestas de error: problem details (RFC 9457) en español.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "pei_…",
                Description = "Token personal creado en Mi cuenta > Tokens de API, en la cabecera Authorization: Bearer pei_…",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, _, _) =>
        {
            foreach (var (status, response) in operation.Responses ?? [])
            {
                if (response is OpenApiResponse concrete && ResponseDescriptions.TryGetValue(status, out var description))
                {
                    concrete.Description = description;
                }
            }

            return Task.CompletedTask;
        });
    }

    private static readonly Dictionary<string, string> ResponseDescriptions = new()
    {
        ["200"] = "Correcto.",
        ["400"] = "Datos no válidos o solicitud ilegible (JSON mal formado, periodo inexistente, parámetro faltante): mensajes por campo. No se guardó nada.",
        ["401"] = "Falta el token personal, no es válido o fue revocado.",
        ["403"] = "El usuario del token no puede hacer esto (otra unidad orgánica, periodo cerrado, paso del flujo que no le corresponde) o debe cambiar su contraseña.",
        ["404"] = "El plan o el indicador no existe.",
        ["409"] = "Otra persona cambió el valor desde que se leyó, o el periodo ya tiene un valor y no se envió su versión: lea el valor actual y su versión. No se guardó nada.",
        ["503"] = "La base de datos no está disponible: intente de nuevo en unos segundos (cabecera Retry-After).",
    };

    public static void Map(WebApplication app)
    {
        // Every endpoint can answer: no valid token (401), a token whose user must change their password first (403),
        // and the database unreachable (503, DatabaseUnavailable). Each endpoint adds its own answers below.
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policy).WithTags("PEI")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/planes", async (AppDbContext db) =>
            await db.Plans.AsNoTracking().OrderBy(p => p.Code)
                .Select(p => new PlanDto(p.Code, p.Name, p.Institution!.PliegoCode + " " + p.Institution.Name, p.FirstYear, p.LastYear, p.Status.ToString()))
                .ToListAsync())
            .WithSummary("Planes registrados");

        api.MapGet("/planes/{code}/indicadores", async Task<Results<Ok<List<IndicatorDto>>, ProblemHttpResult>> (string code, AppDbContext db) =>
        {
            var tree = await db.LoadTreeAsync(code);
            if (tree is null)
            {
                return NotFound($"No existe el plan {code}.");
            }

            return TypedResults.Ok(tree.Objectives.SelectMany(o => o.Indicators.Concat(o.Actions.SelectMany(a => a.Indicators))).Select(ToDto).ToList());
        }).WithSummary("Indicadores de un plan, con línea base y logros esperados, en orden del plan")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/indicadores/{id:int}", async Task<Results<Ok<IndicatorDetailDto>, ProblemHttpResult>> (int id, AppDbContext db) =>
        {
            var indicator = await db.Indicators.AsNoTracking()
                .Include(i => i.Plan).Include(i => i.Objective).Include(i => i.Action)
                .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
                .Include(i => i.Targets).Include(i => i.Values).ThenInclude(v => v.Variables)
                .Include(i => i.Variables)
                .AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Id == id);
            if (indicator is null)
            {
                return NotFound($"No existe el indicador {id}.");
            }

            var values = indicator.Values.OrderBy(v => v.Year).ThenBy(v => v.Period)
                .Select(v => new ValueDto(v.Id, v.Year, v.Period.ToString(), v.Value, v.Status.ToString(), v.Comment, v.Version, Figures(v))).ToList();
            var variables = indicator.ParsedFormula.Variables
                .Select(code => indicator.Variables.FirstOrDefault(v => v.Code == code) is { } v ? new VariableDto(v.Code, v.Name, v.Source, v.Unit) : new VariableDto(code, code, null, null))
                .ToList();
            return TypedResults.Ok(new IndicatorDetailDto(ToDto(indicator), values, indicator.ParsedFormula.Text, variables));
        }).WithSummary("Un indicador con sus valores registrados, cada uno con la versión que debe enviar quien lo corrija")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/planes/{code}/avance", async Task<Results<Ok<PlanProgressDto>, ProblemHttpResult, ValidationProblem>> (
            string code, int anio, [Description(PeriodDescription)] string? periodo, bool? pendientes, Progress.PlanProgressService progress) =>
        {
            if (!PeriodText.TryParse(periodo, out var kind))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["periodo"] = [PeriodText.InvalidMessage] }, title: "Periodo no válido", detail: "Revise el parámetro periodo.");
            }

            var view = await progress.LoadAsync(code, pendientes);
            if (view is null)
            {
                return NotFound($"No existe el plan {code}.");
            }

            var period = new Progress.ReportPeriod(anio, kind);
            static RollUpDto Dto(string code, Domain.Progress.RollUpResult r) =>
                new(code, r.Avance, r.Status.ToString(), r.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value), r.Included.Count, r.Total,
                    r.Excluded.Select(e => new ExclusionDto(e.Key, e.Status.ToString(), e.Pending, e.Reason)).ToList());
            var indicators = view.AllIndicators.Select(i =>
            {
                var p = view.Of(i);
                var at = p.For(period.Year, period.Kind);
                return new ProgressDto(i.Key, i.PublishedCode, at.Status.ToString(), at.TipoI.Capped, at.TipoII.Capped, at.Value, at.Target, p.Projection.Class.ToString(),
                    at.StatusLabel, at.PendingValidation, at.Source.ToString(), at.AnnualTarget, at.AgainstAnnualTarget.Capped, p.Projection.Summary);
            }).ToList();
            return TypedResults.Ok(new PlanProgressDto(view.Plan.Code, period.Year, period.Kind.ToString(), view.IncludePending,
                Dto(view.Plan.Code, view.ForPlan(period)),
                view.Plan.Objectives.Select(o => Dto(o.Code, view.ForObjective(o, period))).ToList(),
                indicators));
        }).WithSummary("Avance del plan, de cada OEI y de cada indicador en un periodo (mismo motor que los tableros)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/indicadores/{id:int}/desglose", async Task<Results<Ok<BreakdownDto>, ProblemHttpResult, ValidationProblem>> (
            int id, int anio, [Description(PeriodDescription)] string? periodo, AppDbContext db) =>
        {
            if (!PeriodText.TryParse(periodo, out var kind))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["periodo"] = [PeriodText.InvalidMessage] }, title: "Periodo no válido", detail: "Revise el parámetro periodo.");
            }

            var indicator = await db.Indicators.AsNoTracking().Include(i => i.Plan).Include(i => i.Variables).SingleOrDefaultAsync(i => i.Id == id);
            if (indicator is null)
            {
                return NotFound($"No existe el indicador {id}.");
            }

            var breakdown = await Points.PointBreakdown.LoadAsync(db, indicator, anio, kind);
            static BreakdownRegionDto Region(Points.RegionRow r) => new(r.Continent, r.Country, r.Points, Plain(r.Aggregate.Sums), r.Aggregate.Evaluation.Value, r.Aggregate.Evaluation.Explanation);
            return TypedResults.Ok(new BreakdownDto(indicator.Key, anio, kind.ToString(), breakdown.Formula.Text, Plain(breakdown.Total.Sums), breakdown.Total.Evaluation.Value,
                breakdown.Total.Evaluation.Explanation, breakdown.Total.PointCount,
                breakdown.Rows.Select(r => new BreakdownPointDto(r.Code, r.Name, Labels.Of(r.Kind), r.Unit, r.Continent, r.Country, r.Department, Plain(r.Figures), r.Own.Value, r.Own.Explanation, r.Status.ToString(), r.Version)).ToList(),
                breakdown.Continents.Select(Region).ToList(), breakdown.Countries.Select(Region).ToList(), breakdown.Missing.Select(m => m.Code).ToList()));
        }).WithSummary("Desglose de un indicador por punto de registro y por región (continente, país) en un periodo")
            .WithDescription("valor es la fórmula sobre las sumas de las variables de los puntos aceptados (nunca el promedio de sus porcentajes); " +
                "cada punto trae sus variables, su propio valor y su estado.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/indicadores/{id:int}/valores", async Task<Results<Ok<ValueSavedDto>, ProblemHttpResult, ValidationProblem>> (
            int id, ValueInput input, System.Security.Claims.ClaimsPrincipal user, Entry.ValueEntryService entry, Points.PointEntryService points) =>
        {
            if (input.PuntoDeRegistro is { Length: > 0 } pointCode)
            {
                var saved = PeriodText.TryParse(input.Periodo, out var pointPeriod)
                    ? await points.SubmitAsync(user, new Points.PointEntry(id, pointCode, input.Anio, pointPeriod, input.Variables ?? new Dictionary<string, string?>(), input.Comentario,
                        input.Enviar ? Domain.Points.PointAction.Enviar : Domain.Points.PointAction.Guardar, input.Version))
                    : WriteResult<Domain.Points.PointSubmission>.Invalid(Entry.ValueEntryService.PeriodField, PeriodText.InvalidMessage);
                return saved.ToHttp(s => new ValueSavedDto(s.Id, s.Year, s.Period.ToString(), OwnValue(s), s.Status.ToString(), s.Version,
                    s.Figures.OrderBy(f => f.Code, StringComparer.Ordinal).ToDictionary(f => f.Code, f => f.Figure), pointCode.Trim().ToUpperInvariant()));
            }

            var result = PeriodText.TryParse(input.Periodo, out var period)
                ? await entry.SubmitAsync(user, new Entry.ValueSubmission(id, input.Anio, period, input.Valor, input.Comentario, input.MedioVerificacion,
                    input.Enviar ? Domain.Entry.WorkflowAction.Enviar : Domain.Entry.WorkflowAction.Guardar, input.Version, [], input.Variables))
                : WriteResult<IndicatorValue>.Invalid(Entry.ValueEntryService.PeriodField, PeriodText.InvalidMessage);
            return result.ToHttp(v => new ValueSavedDto(v.Id, v.Year, v.Period.ToString(), v.Value, v.Status.ToString(), v.Version, Figures(v)));
        }).WithSummary("Registra o envía un valor obtenido, con las mismas validaciones, permisos y flujo que el formulario")
            .WithDescription("Para corregir un valor ya registrado envíe la versión que leyó (campo version). 403: otra unidad, periodo cerrado " +
                "o paso del flujo que no le corresponde; 409: otra persona lo cambió, o ya existe un valor y no se envió versión.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>A point's own value: the formula on its figures (its indicator is tracked with it after the save).</summary>
    private static decimal? OwnValue(Domain.Points.PointSubmission submission) =>
        submission.Indicator is { } indicator ? Domain.Points.PointAggregate.Own(indicator.ParsedFormula, submission.FigureMap).Value : null;

    private static IReadOnlyDictionary<string, decimal>? Figures(IndicatorValue value) =>
        value.Variables.Count == 0 ? null : Plain(value.Variables.OrderBy(v => v.Code, StringComparer.Ordinal).ToDictionary(v => v.Code, v => v.Figure));

    /// <summary>Figures as they were typed: 108, not the column's scale (108.000000).</summary>
    private static Dictionary<string, decimal> Plain(IReadOnlyDictionary<string, decimal> figures) =>
        figures.ToDictionary(f => f.Key, f => f.Value / 1.000000000000000000000000000000000m, StringComparer.Ordinal);

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "No encontrado", detail: detail, statusCode: StatusCodes.Status404NotFound);

    private static IndicatorDto ToDto(Indicator i) => new(
        i.Id,
        i.Key,
        i.PublishedCode,
        i.Name,
        i.Action?.Code ?? i.Objective?.Code ?? "",
        i.Unit.ToString(),
        i.Direction.ToString(),
        i.Aggregation.ToString(),
        i.Relevance,
        i.Decimals,
        i.ResponsibleUnits.Select(u => u.Unit?.Acronym ?? "").Order().ToList(),
        new BaselineDto(i.BaselineYear, i.BaselineValue),
        i.Targets.OrderBy(t => t.Year).Select(t => new TargetDto(t.Year, t.Value, t.OriginalValue)).ToList());
}
