namespace PeiTracker.Domain;

/// <summary>What kind of change an audit entry records.</summary>
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
    Configuracion = 8,
    Importacion = 9,
    Exportacion = 10,
    Periodo = 11,
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

    /// <summary>The code or key of what changed, e.g. "IOEI.01.01" or "AEI.02.03".</summary>
    public required string Subject { get; set; }

    /// <summary>Field or aspect that changed, e.g. "Logro esperado 2026" or "Unidad de medida".</summary>
    public required string Field { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? Reason { get; set; }
}
