using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeiTracker.Domain;
using PeiTracker.Web.Data;

namespace PeiTracker.Web.Tests.Infrastructure;

/// <summary>
/// An institution other than the home one (pliego 008), with one plan that has something behind every kind of id
/// a route or a form takes: objective, action, indicator, unit, targets, a sent value with evidence, a closed period,
/// a deadline, a report text and a commitment, a saved observation reason, and an administrator. Every name and text carries <see cref="Marker"/>
/// (the plan's code does not: pages echo a requested code), so a response that shows any of it is caught.
/// </summary>
public sealed record OtherInstitution(
    int InstitutionId,
    string Sector,
    string Marker,
    string PlanCode,
    int PlanId,
    int ObjectiveId,
    int ActionId,
    int IndicatorId,
    int UnitId,
    int ValueId,
    uint ValueVersion,
    int EvidenceId,
    int ClosureId,
    int CommitmentId,
    string AdministratorId,
    int ObservationReasonId)
{
    public static async Task<OtherInstitution> CreateAsync(AppFixture app, string? sector = null)
    {
        var marker = "Secreto" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        sector ??= "Sector " + marker;
        await using var scope = app.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var institution = new Institution { PliegoCode = "T" + marker[^9..], Name = "Entidad " + marker, Sector = sector, GovernmentLevel = "Nacional" };
        var unit = new OrganizationalUnit { Institution = institution, Acronym = "UB", Name = "Unidad " + marker };
        var plan = new Domain.Plan { Institution = institution, Code = "OTRA-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)), Name = "Plan " + marker, FirstYear = 2025, LastYear = 2030, Status = PlanStatus.Vigente };
        var objective = new StrategicObjective { Plan = plan, Code = "OEI.01", Statement = "Objetivo " + marker, Priority = 1, Type = ObjectiveType.TipoI };
        var action = new StrategicAction { Plan = plan, Objective = objective, Code = "AEI.01.01", Statement = "Acción " + marker, Priority = 1 };
        var indicator = new Indicator
        {
            Plan = plan,
            Objective = objective,
            Key = "IOEI.01.01",
            PublishedCode = "IOEI.01.01",
            Name = "Indicador " + marker,
            Unit = UnitOfMeasure.Numero,
            BaselineYear = 2024,
            BaselineValue = 10m,
            Targets = Enumerable.Range(2025, 6).Select(y => new AnnualTarget { Year = y, Value = 100m }).ToList(),
        };
        indicator.ResponsibleUnits.Add(new IndicatorResponsibleUnit { Indicator = indicator, Unit = unit });
        var content = "%PDF-1.4 evidencia "u8.ToArray();
        var value = new IndicatorValue
        {
            Indicator = indicator,
            Year = 2025,
            Period = PeriodKind.Anual,
            Value = 50m,
            Status = ValueStatus.Enviado,
            Comment = "Comentario " + marker,
            CreatedBy = "b@test.local",
            CreatedAt = now,
        };
        value.Evidence.Add(new Evidence
        {
            FileName = marker + ".pdf",
            ContentType = "application/pdf",
            Size = content.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(),
            Content = content,
            UploadedBy = "b@test.local",
            UploadedAt = now,
        });
        objective.Actions.Add(action);
        objective.Indicators.Add(indicator);
        plan.Objectives.Add(objective);
        plan.Indicators.Add(indicator);
        db.Plans.Add(plan);
        db.Values.Add(value);
        await db.SaveChangesAsync();

        var closure = new PeriodClosure { PlanId = plan.Id, Year = 2026, Period = PeriodKind.Anual, ClosedBy = "b@test.local", ClosedAt = now, ClosingNote = marker };
        db.PeriodClosures.Add(closure);
        db.PeriodDeadlines.Add(new PeriodDeadline { PlanId = plan.Id, Year = 2025, Period = PeriodKind.Anual, DueDate = new DateOnly(2026, 1, 31) });
        db.EvaluationNarratives.Add(new EvaluationNarrative { PlanId = plan.Id, ObjectiveId = objective.Id, Year = 2025, Period = PeriodKind.Anual, Text = "Análisis " + marker, UpdatedBy = "b@test.local", UpdatedAt = now });
        var commitment = new Commitment { PlanId = plan.Id, Year = 2025, Period = PeriodKind.Anual, UnitId = unit.Id, Recommendation = "Recomendación " + marker, Action = "Compromiso " + marker, Deadline = new DateOnly(2026, 6, 30), CreatedBy = "b@test.local", CreatedAt = now };
        db.Commitments.Add(commitment);
        var savedReason = new ObservationReason { InstitutionId = institution.Id, Text = "Motivo " + marker };
        db.ObservationReasons.Add(savedReason);
        await db.SaveChangesAsync();

        var administrator = await app.CreateUserAsync(Roles.Administrador, $"admin-{marker.ToLowerInvariant()}@test.local", institution.Id);
        var administratorId = await db.Users.Where(u => u.Email == administrator).Select(u => u.Id).SingleAsync();
        var version = await db.Values.Where(v => v.Id == value.Id).Select(v => v.Version).SingleAsync();
        return new OtherInstitution(institution.Id, sector, marker, plan.Code, plan.Id, objective.Id, action.Id, indicator.Id, unit.Id,
            value.Id, version, value.Evidence[0].Id, closure.Id, commitment.Id, administratorId, savedReason.Id);
    }
}
