using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Api;

/// <summary>The JSON API for source systems, versioned under /api/v1, authenticated by personal tokens.</summary>
public static class ApiV1
{
    public const string Policy = "ApiV1";

    public sealed record PlanDto(string Code, string Name, string Institution, int FirstYear, int LastYear, string Status);

    public sealed record BaselineDto(int? Year, decimal? Value);

    public sealed record TargetDto(int Year, decimal Value, decimal? OriginalValue);

    public sealed record ValueDto(int Year, string Period, decimal? Value, string Status, string? Comment);

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

    public sealed record IndicatorDetailDto(IndicatorDto Indicator, IReadOnlyList<ValueDto> Values);

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policy).WithTags("PEI");

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
        }).WithSummary("Indicadores de un plan, con línea base y logros esperados, en orden del plan");

        api.MapGet("/indicadores/{id:int}", async Task<Results<Ok<IndicatorDetailDto>, ProblemHttpResult>> (int id, AppDbContext db) =>
        {
            var indicator = await db.Indicators.AsNoTracking()
                .Include(i => i.Plan).Include(i => i.Objective).Include(i => i.Action)
                .Include(i => i.ResponsibleUnits).ThenInclude(u => u.Unit)
                .Include(i => i.Targets).Include(i => i.Values)
                .AsSplitQuery()
                .SingleOrDefaultAsync(i => i.Id == id);
            if (indicator is null)
            {
                return NotFound($"No existe el indicador {id}.");
            }

            var values = indicator.Values.OrderBy(v => v.Year).ThenBy(v => v.Period)
                .Select(v => new ValueDto(v.Year, v.Period.ToString(), v.Value, v.Status.ToString(), v.Comment)).ToList();
            return TypedResults.Ok(new IndicatorDetailDto(ToDto(indicator), values));
        }).WithSummary("Un indicador con sus valores registrados");
    }

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
