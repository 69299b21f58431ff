using System.Globalization;

namespace PeiTracker.Domain.Editing;

/// <summary>
/// The Spanish messages of the plan's edit rules. Every path that edits the plan (the forms, the
/// Matriz import) gets them from the same domain operation, so the same input is refused in the same words.
/// </summary>
public static class EditMessages
{
    public const string NameRequired = "El nombre del indicador es obligatorio.";
    public const string NameTooLong = "El nombre no puede superar los 1000 caracteres.";
    public const string Unit = "Elija una unidad de medida de la lista.";
    public const string Direction = "Elija un sentido esperado de la lista.";
    public const string Aggregation = "Elija un tipo de agregación de la lista.";
    public const string LimitKindRequired = "Un indicador de sentido «no definido» necesita un máximo o mínimo permisible.";
    public const string LimitKind = "Elija un límite permisible de la lista.";
    public const string LimitRequired = "Indique el valor del límite permisible.";
    public const string Relevance = "La relevancia debe ser 1 (muy relevante), 2 (relevante) o 3 (poco relevante).";
    public const string TextTooLong = "Máximo 4000 caracteres.";
    public const string UnitsRequired = "Elija al menos una unidad responsable.";
    public const string UnitOutsideInstitution = "Una de las unidades elegidas no pertenece a la institución.";
    public const string BaselineYear = "El año de la línea base debe ser un año entre 2000 y 2100.";
    public const string BaselineYearMissing = "Indique el año de la línea base.";
    public const string StatementRequired = "El enunciado es obligatorio.";
    public const string StatementTooLong = "El enunciado no puede superar los 2000 caracteres.";
    public const string Priority = "La prioridad debe ser un número entre 1 y 99.";
    public const string SettingsChoice = "Elija las opciones de la lista.";
    public const string ExecutingUnitRequired = "Escriba la unidad ejecutora, por ejemplo «001 - Ministerio de Relaciones Exteriores».";
    public const string ExecutingUnitTooLong = "La unidad ejecutora no puede superar los 200 caracteres.";

    public static string Decimals => $"Los decimales deben estar entre 0 y {Indicator.MaxDecimals.ToString(CultureInfo.InvariantCulture)}.";

    public static string ErasedStartedTarget(int year) =>
        $"No se puede borrar el logro esperado de {year.ToString(CultureInfo.InvariantCulture)}, un año ya iniciado; revíselo con un nuevo valor.";

    /// <summary>A figure the edit keeps that the new unit of measure (or percentage limit) no longer admits.</summary>
    public static string FigureBreaksDefinition(string figure, decimal value, string problem) =>
        $"{figure} ({DecimalText.Show(value)}) no cumple esta definición: {problem} Corrija esa cifra antes de cambiar la definición.";
}
