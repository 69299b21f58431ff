namespace PeiTracker.Domain;

/// <summary>
/// What kind of change an audit entry records; the "Datos al" of each export moves only with the kinds
/// that touch what it shows. Stored by name (text), not by number: a name once written must stay here.
/// </summary>
public enum AuditKind
{
    Definicion = 0,
    Meta = 1,
    LineaBase = 2,
    Valor = 3,
    Objetivo = 4,
    Accion = 5,
    Usuario = 6,
    Rol = 7,
    /// <summary>The plan's progress rules (thresholds, cap, weighting, avance type).</summary>
    Configuracion = 8,
    Exportacion = 10,
    Periodo = 11,

    /// <summary>The Informe de evaluación's own text: analyses of each OEI and the commitments to correct deviations.</summary>
    Informe = 12,

    /// <summary>The plan's articulation: PGG, PESEM (Anexo B-1) and national policies (Anexo B-2).</summary>
    Articulacion = 13,

    /// <summary>The institution's organic units (unidades orgánicas): created, renamed, deactivated.</summary>
    UnidadOrganica = 14,

    /// <summary>The planning office's saved reasons for observing a value.</summary>
    MotivoObservacion = 15,

    /// <summary>The institution's own data that the reports print (its unidad ejecutora).</summary>
    Institucion = 16,

    /// <summary>The institution's reporting points (puntos de registro): created, edited, deactivated, loaded from a file.</summary>
    PuntoRegistro = 17,

    /// <summary>The figures a reporting point entered for an indicator and period, and the responsible unit's review of them.</summary>
    ValorPunto = 18,

    /// <summary>The reporting points an account enters for.</summary>
    UsuarioPunto = 19,

    /// <summary>An e-mail notice of the outbox, resent by an administrator.</summary>
    Aviso = 20,

    /// <summary>The plan's reminder settings: days before a deadline, days late before escalating (ADR 0021).</summary>
    Recordatorio = 22,

    /// <summary>A message of a value's conversation (observation, reply, resolution) between the unit and the planning office.</summary>
    Conversacion = 24,
}

/// <summary>
/// One change to the plan's data: who, when, what it was before and after, and why.
/// Rows are only ever inserted (the database refuses updates and deletes).
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string UserName { get; set; }

    public AuditKind Kind { get; set; }

    public int? PlanId { get; set; }

    public int? IndicatorId { get; set; }

    /// <summary>The institution a change outside any plan belongs to (its accounts); null for changes of a plan, which say so through <see cref="PlanId"/>.</summary>
    public int? InstitutionId { get; set; }

    /// <summary>The code or key of what changed, e.g. "IOEI.01.01" or "AEI.02.03".</summary>
    public required string Subject { get; set; }

    /// <summary>Field or aspect that changed, e.g. "Logro esperado 2026" or "Unidad de medida".</summary>
    public required string Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? Reason { get; set; }
}
