using System.Globalization;

namespace PeiTracker.Domain;

/// <summary>How the roll-up weighs its indicators.</summary>
public enum WeightingRule
{
    /// <summary>CEPLAN practice: weights from relevance grades (see PEI-DOMAIN.md).</summary>
    PorRelevancia = 0,

    /// <summary>Every included indicator weighs the same.</summary>
    Igual = 1,
}

/// <summary>Which avance the dashboards show and colour.</summary>
public enum AvanceType
{
    TipoI = 1,
    TipoII = 2,
}

/// <summary>How a semester is judged when the planning office set no logro esperado of its own for it.</summary>
public enum SemesterExpectationRule
{
    /// <summary>
    /// Agregable indicators accumulate over the year, so the I semestre is judged against half the annual
    /// target and the II (the year's total so far) against all of it; no agregable ones against the annual target.
    /// </summary>
    PorAgregacion = 0,

    /// <summary>Every semester against the whole annual target (CEPLAN's avance column).</summary>
    MetaAnual = 1,

    /// <summary>Only semesters with a logro esperado of their own are judged; the others have no expectation.</summary>
    SoloDefinidas = 2,
}

/// <summary>
/// The progress rules of one plan. CEPLAN revises its guides every year or two, so none of these
/// is a constant in code; the defaults are CEPLAN practice. Immutable: a change replaces the whole
/// object, so a cached view that shares it never sees rules change under it.
/// </summary>
public class PlanSettings
{
    /// <summary>Verde from this avance (inclusive).</summary>
    public decimal GreenThreshold { get; init; } = 95m;

    /// <summary>Amarillo from this avance (inclusive) up to the green threshold; rojo below.</summary>
    public decimal YellowThreshold { get; init; } = 75m;

    public bool CapEnabled { get; init; } = true;

    public decimal Cap { get; init; } = 100m;

    public WeightingRule Weighting { get; init; } = WeightingRule.PorRelevancia;

    public AvanceType DashboardAvance { get; init; } = AvanceType.TipoI;

    /// <summary>Dashboards and reports count only validated values unless the viewer includes pending ones.</summary>
    public bool OnlyValidated { get; init; } = true;

    /// <summary>The plan asks for semester follow-up (seguimiento semestral) besides the annual one.</summary>
    public bool SemesterFollowUp { get; init; } = true;

    public SemesterExpectationRule SemesterExpectation { get; init; } = SemesterExpectationRule.PorAgregacion;

    /// <summary>Null when the thresholds are coherent, otherwise the reason in Spanish.</summary>
    public string? Problem() =>
        YellowThreshold < 0m || GreenThreshold > 1000m ? "Los umbrales deben estar entre 0 y 1000."
        : YellowThreshold >= GreenThreshold ? "El umbral amarillo debe ser menor que el verde."
        : CapEnabled && Cap < GreenThreshold ? "El tope no puede ser menor que el umbral verde."
        : null;

    /// <summary>The rules in one line, as the history shows them before and after a change.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"verde ≥ {DecimalText.Show(GreenThreshold)}; amarillo ≥ {DecimalText.Show(YellowThreshold)}; tope {(CapEnabled ? DecimalText.Show(Cap) : "sin tope")}; " +
        $"ponderación {(Weighting == WeightingRule.PorRelevancia ? "por relevancia" : "igual")}; avance del tablero {(DashboardAvance == AvanceType.TipoI ? "Tipo I" : "Tipo II")}; " +
        $"{(OnlyValidated ? "solo validados" : "incluye pendientes")}; seguimiento {(SemesterFollowUp ? "semestral y anual" : "anual")}; " +
        $"semestres sin logro esperado propio: {SemesterExpectation switch
        {
            SemesterExpectationRule.MetaAnual => "frente al logro esperado anual",
            SemesterExpectationRule.SoloDefinidas => "sin meta",
            _ => "mitad del anual en el I semestre si es agregable, el anual en los demás casos",
        }}");
}
