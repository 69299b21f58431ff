namespace PeiTracker.Domain;

/// <summary>Unidad de medida, as listed by CEPLAN's application.</summary>
public enum UnitOfMeasure
{
    Cantidad = 0,
    Numero = 1,
    Porcentaje = 2,
    Ratio = 3,
    Tasa = 4,
    Indice = 5,
    TasaVariacion = 6,
    Promedio = 7,
}

/// <summary>Sentido esperado of an indicator.</summary>
public enum Direction
{
    Ascendente = 0,
    Descendente = 1,
    NoDefinido = 2,
}

/// <summary>Tipo de agregación: whether values add up over periods.</summary>
public enum Aggregation
{
    NoAgregable = 0,
    Agregable = 1,
}

/// <summary>For "no definido" indicators: whether the limit is a máximo or a mínimo permisible.</summary>
public enum PermissibleLimitKind
{
    Maximo = 0,
    Minimo = 1,
}

/// <summary>Tipo I: toward citizens; Tipo II: internal management.</summary>
public enum ObjectiveType
{
    TipoI = 1,
    TipoII = 2,
}

/// <summary>The part of a year a value is reported for.</summary>
public enum PeriodKind
{
    Anual = 0,
    PrimerSemestre = 1,
    SegundoSemestre = 2,
}

/// <summary>Review state of a reported value: borrador, enviado, validado, observado.</summary>
public enum ValueStatus
{
    Borrador = 0,
    Enviado = 1,
    Validado = 2,
    Observado = 3,
}

public enum PlanStatus
{
    Borrador = 0,
    Vigente = 1,
    Cerrado = 2,
}
