namespace PeiTracker.Domain;

/// <summary>The Spanish words the interface and the reports use for each enum value.</summary>
public static class Labels
{
    public static string Of(UnitOfMeasure unit) => unit switch
    {
        UnitOfMeasure.Cantidad => "Cantidad",
        UnitOfMeasure.Numero => "Número",
        UnitOfMeasure.Porcentaje => "Porcentaje",
        UnitOfMeasure.Ratio => "Ratio",
        UnitOfMeasure.Tasa => "Tasa",
        UnitOfMeasure.Indice => "Índice",
        UnitOfMeasure.TasaVariacion => "Tasa de variación",
        UnitOfMeasure.Promedio => "Promedio",
        _ => unit.ToString(),
    };

    public static string Of(Direction direction) => direction switch
    {
        Direction.Ascendente => "Ascendente",
        Direction.Descendente => "Descendente",
        Direction.NoDefinido => "No definido",
        _ => direction.ToString(),
    };

    public static string Of(Aggregation aggregation) => aggregation switch
    {
        Aggregation.Agregable => "Agregable",
        Aggregation.NoAgregable => "No agregable",
        _ => aggregation.ToString(),
    };

    public static string Of(PermissibleLimitKind kind) => kind switch
    {
        PermissibleLimitKind.Maximo => "Máximo permisible",
        PermissibleLimitKind.Minimo => "Mínimo permisible",
        _ => kind.ToString(),
    };

    public static string Of(ObjectiveType type) => type switch
    {
        ObjectiveType.TipoI => "Tipo I",
        ObjectiveType.TipoII => "Tipo II",
        _ => type.ToString(),
    };

    public static string Of(PeriodKind period) => period switch
    {
        PeriodKind.Anual => "Anual",
        PeriodKind.PrimerSemestre => "I semestre",
        PeriodKind.SegundoSemestre => "II semestre",
        _ => period.ToString(),
    };

    /// <summary>A period inside a sentence ("el periodo anual 2025", "el periodo I semestre 2026"): the semester keeps its roman numeral.</summary>
    public static string InSentence(PeriodKind period) => period == PeriodKind.Anual ? "anual" : Of(period);

    public static string Of(ValueStatus status) => status switch
    {
        ValueStatus.Borrador => "Borrador",
        ValueStatus.Enviado => "Enviado",
        ValueStatus.Validado => "Validado",
        ValueStatus.Observado => "Observado",
        _ => status.ToString(),
    };

    public static string Of(Points.ReportingPointKind kind) => kind switch
    {
        Points.ReportingPointKind.Consulado => "Consulado",
        Points.ReportingPointKind.Embajada => "Embajada",
        Points.ReportingPointKind.RepresentacionPermanente => "Representación permanente",
        Points.ReportingPointKind.OficinaDesconcentrada => "Oficina desconcentrada",
        _ => kind.ToString(),
    };

    public static string Of(Points.PointSubmissionStatus status) => status switch
    {
        Points.PointSubmissionStatus.Borrador => "Borrador",
        Points.PointSubmissionStatus.Enviado => "Enviado a la unidad",
        Points.PointSubmissionStatus.Aceptado => "Aceptado",
        Points.PointSubmissionStatus.Observado => "Observado",
        _ => status.ToString(),
    };

    public static string Of(PlanStatus status) => status switch
    {
        PlanStatus.Borrador => "En formulación",
        PlanStatus.Vigente => "Vigente",
        PlanStatus.Cerrado => "Cerrado",
        _ => status.ToString(),
    };

    /// <summary>The inferred fields as the history lists them: "Unidad de medida, Sentido esperado", or "Ninguno".</summary>
    public static string Of(InferredFields fields) =>
        fields == InferredFields.None
            ? "Ninguno"
            : string.Join(", ", new[]
            {
                (InferredFields.Unit, "Unidad de medida"),
                (InferredFields.Direction, "Sentido esperado"),
                (InferredFields.Aggregation, "Tipo de agregación"),
                (InferredFields.Relevance, "Relevancia"),
                (InferredFields.Formula, "Fórmula"),
            }.Where(f => fields.HasFlag(f.Item1)).Select(f => f.Item2));

    public static string Relevance(int grade) => grade switch
    {
        1 => "Muy relevante",
        2 => "Relevante",
        3 => "Poco relevante",
        _ => grade.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
