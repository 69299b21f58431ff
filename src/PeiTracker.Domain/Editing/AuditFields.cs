using System.Globalization;

namespace PeiTracker.Domain.Editing;

/// <summary>The field names the history shows for each change (the audit rows' "Campo").</summary>
public static class AuditFields
{
    public const string Name = "Nombre";
    public const string Unit = "Unidad de medida";
    public const string Direction = "Sentido esperado";
    public const string Limit = "Límite permisible";
    public const string Aggregation = "Tipo de agregación";
    public const string Relevance = "Relevancia";
    public const string Decimals = "Decimales";
    public const string AllowsOver100 = "Admite más de 100 %";
    public const string Justification = "Justificación";
    public const string LimitationsAndAssumptions = "Limitaciones y supuestos";
    public const string CalculationMethod = "Método de cálculo";
    public const string Formula = "Fórmula";
    public const string Variables = "Variables de la fórmula";
    public const string CollectedByPoint = "Se registra por punto de registro";
    public const string DataSource = "Fuente de datos";
    public const string ResponsibleUnits = "Unidades responsables";
    public const string Inferred = "Campos inferidos";

    /// <summary>Year and value together, as one figure: "40 (2023)".</summary>
    public const string Baseline = "Línea base";

    /// <summary>Whether the baseline still awaits confirmation (printed with an unexplained mark).</summary>
    public const string BaselineProvisional = "Línea base provisional";

    /// <summary>The notes of the plan's data file (transcription judgements and anomalies of the document).</summary>
    public const string TranscriptionNotes = "Notas de transcripción";

    public const string Statement = "Enunciado";
    public const string Priority = "Prioridad";
    public const string Settings = "Reglas de avance";
    public const string ExecutingUnit = "Unidad ejecutora";

    /// <summary>A change to a started year's target is a revision, and the history says so.</summary>
    public static string Target(int year, bool revision) =>
        $"Logro esperado {year.ToString(CultureInfo.InvariantCulture)}{(revision ? " (revisión)" : "")}";
}
