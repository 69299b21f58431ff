using System.Globalization;

namespace PeiTracker.Domain.Articulation;

/// <summary>The Spanish messages of the articulation's edit rules.</summary>
public static class ArticulationMessages
{
    public const string PggStatus = "Elija una vinculación con la PGG de la lista.";
    public const string PggEje = "Indique el número del eje de la PGG (entre 1 y 99).";
    public const string PggNotLinkedHasEje = "Deje vacíos el eje y el lineamiento si no hay vinculación con un eje de la PGG.";
    public const string CausalTooLong = "La explicación de la relación causal no puede superar los 4000 caracteres.";

    public static string PggLineamiento(int eje) =>
        $"El lineamiento debe numerarse dentro de su eje: por ejemplo {eje.ToString(CultureInfo.InvariantCulture)}.1 para el eje {eje.ToString(CultureInfo.InvariantCulture)}.";
}
