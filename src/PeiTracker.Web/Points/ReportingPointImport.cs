using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeiTracker.Domain.Editing;
using PeiTracker.Domain.Points;
using PeiTracker.Web.Data;
using PeiTracker.Web.Writes;

namespace PeiTracker.Web.Points;

/// <summary>What a file does to one point: new, updated (with its changes), unchanged, or refused with its errors.</summary>
public sealed record PointImportRow(int Line, string Code, string Name, string Outcome, IReadOnlyList<string> Messages, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// A file's effect on the institution's points. <see cref="Fingerprint"/> sums up every change, so the confirmation
/// saves exactly what the preview showed, or nothing when the points changed in between.
/// </summary>
public sealed record PointImportPlan(IReadOnlyList<PointImportRow> Rows, string? FileError)
{
    public const string New = "Nuevo";
    public const string Updated = "Actualizado";
    public const string Same = "Sin cambios";
    public const string Refused = "Con errores";

    public bool HasErrors => FileError is not null || Rows.Any(r => r.Outcome == Refused);

    public int Count(string outcome) => Rows.Count(r => r.Outcome == outcome);

    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
        Rows.SelectMany(r => r.Changes.Select(c => $"{r.Code}|{c.Field}|{c.Before}|{c.After}"))))));
}

/// <summary>
/// Loads a reporting points file into an institution: a new code is a new point, a known code updates that point,
/// each through the point's own rules and one audit row per change. The file is taken whole or not at all.
/// </summary>
public sealed class ReportingPointImport(AppDbContext db, AuditedWriter writer)
{
    /// <summary>What the file would do, computed on copies (nothing tracked, nothing saved).</summary>
    public async Task<PointImportPlan> PreviewAsync(int institutionId, string text, bool addOnly, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(institutionId, text, addOnly, tracked: false, cancellationToken);
        db.ChangeTracker.Clear();
        return plan;
    }

    /// <summary>
    /// Applies the file and saves it with <paramref name="reason"/>: Invalid when a row has errors, Conflict when the
    /// changes are no longer those of the preview (<paramref name="fingerprint"/>; null skips the check, for the seed).
    /// </summary>
    public async Task<(WriteStatus Status, PointImportPlan Plan)> ApplyAsync(int institutionId, string text, bool addOnly, string userName, string reason, string? fingerprint, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(institutionId, text, addOnly, tracked: true, cancellationToken);
        if (plan.HasErrors)
        {
            db.ChangeTracker.Clear();
            return (WriteStatus.Invalid, plan);
        }

        if (fingerprint is not null && fingerprint != plan.Fingerprint)
        {
            db.ChangeTracker.Clear();
            return (WriteStatus.Conflict, plan);
        }

        var batches = plan.Rows.Where(r => r.Changes.Count > 0)
            .Select(r => new AuditedChanges(new AuditContext(userName, r.Code, reason, null, null), r.Changes)).ToList();
        return (await writer.SaveAsync(batches, cancellationToken), plan);
    }

    private async Task<PointImportPlan> PlanAsync(int institutionId, string text, bool addOnly, bool tracked, CancellationToken cancellationToken)
    {
        var units = await db.OrganizationalUnits.AsNoTracking().Where(u => u.InstitutionId == institutionId).ToListAsync(cancellationToken);
        var (rows, fileError) = ReportingPointFile.Read(text, units.ToDictionary(u => u.Acronym, StringComparer.OrdinalIgnoreCase));
        if (fileError is not null)
        {
            return new PointImportPlan([], fileError);
        }

        var query = db.ReportingPoints.Where(p => p.InstitutionId == institutionId);
        var points = await (tracked ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        var unitLabels = units.ToDictionary(u => u.Id, u => u.Label);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var result = new List<PointImportRow>();
        foreach (var row in rows)
        {
            var code = (row.Data!.Code ?? "").Trim().ToUpperInvariant();
            var name = (row.Data.Name ?? "").Trim();
            var messages = row.Errors.ToList();
            if (code.Length > 0 && seen.TryGetValue(code, out var firstLine))
            {
                messages.Add($"El código {code} ya está en la fila {firstLine} del archivo.");
            }

            seen.TryAdd(code, row.Line);
            if (messages.Count > 0)
            {
                result.Add(new PointImportRow(row.Line, code, name, PointImportPlan.Refused, messages, []));
                continue;
            }

            var existing = points.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
            if (existing is not null && addOnly)
            {
                result.Add(new PointImportRow(row.Line, code, name, PointImportPlan.Same, [], []));
                continue;
            }

            EditResult edit;
            if (existing is null)
            {
                var (point, created) = ReportingPoint.Create(institutionId, row.Data, points);
                edit = created;
                if (point is not null)
                {
                    points.Add(point);
                    if (tracked)
                    {
                        db.ReportingPoints.Add(point);
                    }
                }
            }
            else
            {
                edit = existing.Edit(row.Data, unitLabels.GetValueOrDefault(existing.UnitId), points);
            }

            result.Add(!edit.IsValid
                ? new PointImportRow(row.Line, code, name, PointImportPlan.Refused, edit.Errors.Values.ToList(), [])
                : new PointImportRow(row.Line, code, name, existing is null ? PointImportPlan.New : edit.Changes.Count == 0 ? PointImportPlan.Same : PointImportPlan.Updated, [], edit.Changes));
        }

        return new PointImportPlan(result, null);
    }
}

/// <summary>Loads the repository's list of the ministry's reporting points into its institution at start-up: only codes it does not have yet.</summary>
public sealed class ReportingPointSeeder(AppDbContext db, ReportingPointImport import, ILogger<ReportingPointSeeder> logger)
{
    public const string SeedUser = "Archivo de puntos de registro";
    public const string SeedReason = "Carga de la lista de puntos de registro del archivo del repositorio (Data/Seed/puntos-de-registro.csv).";

    /// <summary>The ministry (pliego 008), whose organs abroad and decentralised offices the file lists.</summary>
    public const string MinistryPliego = "008";

    public async Task SeedAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path) || await db.Institutions.SingleOrDefaultAsync(i => i.PliegoCode == MinistryPliego, cancellationToken) is not { } institution)
        {
            return;
        }

        db.SeeEveryInstitution(institution.Id);
        var (status, plan) = await import.ApplyAsync(institution.Id, await File.ReadAllTextAsync(path, cancellationToken), addOnly: true, SeedUser, SeedReason, null, cancellationToken);
        db.SeeEveryInstitution(null);
        if (status == WriteStatus.Invalid)
        {
            logger.LogError("The reporting points file {Path} has errors and was not loaded: {Errors}", path,
                plan.FileError ?? string.Join(" ", plan.Rows.Where(r => r.Messages.Count > 0).Select(r => $"fila {r.Line}: {string.Join(" ", r.Messages)}")));
        }
        else if (status == WriteStatus.Saved)
        {
            logger.LogInformation("Loaded {Count} reporting points into {Institution}", plan.Count(PointImportPlan.New), institution.Name);
        }
    }
}
