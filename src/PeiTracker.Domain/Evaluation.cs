namespace PeiTracker.Domain;

/// <summary>The parts of the Informe de Evaluación Institucional the planning office writes, each saved on its own.</summary>
public enum InformeSection
{
    /// <summary>One per OEI: avance, semáforo, what contributed and what hindered.</summary>
    AnalisisOei = 0,
    ResumenEjecutivo = 1,
    Conclusiones = 2,
    Recomendaciones = 3,
}

/// <summary>
/// One section of the Informe de evaluación of a period, as the planning office wrote it: the analysis of one
/// OEI (<see cref="ObjectiveId"/> set) or a section of the whole report (resumen ejecutivo, conclusiones,
/// recomendaciones). Its history is the audit trail.
/// </summary>
public class EvaluationNarrative
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public InformeSection Section { get; set; }

    /// <summary>The OEI an <see cref="InformeSection.AnalisisOei"/> is about; null for the other sections.</summary>
    public int? ObjectiveId { get; set; }

    public int Year { get; set; }

    public PeriodKind Period { get; set; }

    public required string Text { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two people editing one section never silently overwrite each other.</summary>
    public uint Version { get; set; }

    public static string Title(InformeSection section) => section switch
    {
        InformeSection.ResumenEjecutivo => "Resumen ejecutivo",
        InformeSection.Conclusiones => "Conclusiones",
        InformeSection.Recomendaciones => "Recomendaciones",
        _ => "Análisis",
    };
}
