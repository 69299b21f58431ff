namespace PeiTracker.Domain.Formulas;

/// <summary>A variable of an indicator's método de cálculo: its code in the formula ("A"), what it counts, where it comes from and in what unit.</summary>
public class IndicatorVariable
{
    public const int MaxNameLength = 300;
    public const int MaxSourceLength = 500;
    public const int MaxUnitLength = 100;

    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator? Indicator { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Source { get; set; }

    public string? Unit { get; set; }

    /// <summary>The variable's place in the formula, first appearance first.</summary>
    public int SortOrder { get; set; }

    /// <summary>The variable as the history lists it: "A: Personas atendidas (fuente: SIGEC; unidad: personas)".</summary>
    public static string Describe(string code, string name, string? source, string? unit) =>
        $"{code}: {name}" + (source, unit) switch
        {
            (null, null) => "",
            (_, null) => $" (fuente: {source})",
            (null, _) => $" (unidad: {unit})",
            _ => $" (fuente: {source}; unidad: {unit})",
        };
}

/// <summary>A variable's definition as the planning office submits it.</summary>
public sealed record VariableDefinition(string Code, string? Name, string? Source, string? Unit);

/// <summary>The figure a unit entered for one variable of a value; the value itself is computed from them.</summary>
public class ValueVariable
{
    public int Id { get; set; }

    public int ValueId { get; set; }

    public IndicatorValue? Value { get; set; }

    public required string Code { get; set; }

    public decimal Figure { get; set; }
}
