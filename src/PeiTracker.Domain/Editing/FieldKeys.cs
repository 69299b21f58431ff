using System.Globalization;

namespace PeiTracker.Domain.Editing;

/// <summary>
/// The keys of <see cref="EditResult.Errors"/> for the plan's figures and statements: the names the
/// forms bind (a page adds its own prefix, such as "Input."), which the Matriz import maps to its
/// columns. The ficha técnica fields use the property names of <see cref="IndicatorDefinition"/>.
/// </summary>
public static class FieldKeys
{
    public const string BaselineYear = "BaselineYear";
    public const string BaselineValue = "BaselineValue";
    public const string Statement = "Statement";
    public const string Priority = "Priority";

    /// <summary>Errors about the plan settings as a whole (the form shows them above its fields).</summary>
    public const string Settings = "";

    /// <summary>The value computed from the variables (the entry form's "Valor" field).</summary>
    public const string Value = "Valor";

    /// <summary>One variable of the formula, in the ficha and in the entry form: "Variables[A]".</summary>
    public static string Variable(string code) => $"Variables[{code}]";

    public static string Target(int year) => $"Targets[{year.ToString(CultureInfo.InvariantCulture)}]";
}
