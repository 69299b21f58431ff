namespace PeiTracker.Web.Exports;

/// <summary>
/// The columns of the "Matriz PEI" sheet (Anexo B-3), shared by the exporter and the importer so a
/// downloaded file can always be uploaded again.
/// </summary>
public static class MatrizPeiLayout
{
    public const string WorksheetName = "Matriz PEI";

    /// <summary>The annex's own heading in the PEI (section VIII.III), not "matriz de articulación", which names the Anexos B-1 and B-2.</summary>
    public const string Title = "Anexo B-3: Matriz del Plan Estratégico Institucional";

    /// <summary>Row of the column headers; rows above it are the header block (title, sector, pliego...).</summary>
    public const int HeaderRow = 8;

    public const int CodeColumn = 0;

    public const int StatementColumn = 1;

    public const int IndicatorCodeColumn = 2;

    public const int IndicatorNameColumn = 3;

    public const int BaselineYearColumn = 4;

    public const int BaselineValueColumn = 5;

    public const int FirstTargetColumn = 6;

    public const string BaselineYearHeader = "Línea base: año";

    public const string BaselineValueHeader = "Línea base: valor";

    /// <summary>
    /// The indicator's unique key. The official document reuses one published code for two
    /// indicators, so the published code alone cannot identify a row.
    /// </summary>
    public const string KeyHeader = "Clave PeiTracker";

    public static string TargetHeader(int year) => $"Logro esperado {year}";

    public static int KeyColumn(int yearCount) => FirstTargetColumn + yearCount;

    public static IReadOnlyList<string> Headers(IReadOnlyList<int> years) =>
    [
        "Código",
        "OEI/AEI",
        "Código del indicador",
        "Indicador",
        BaselineYearHeader,
        BaselineValueHeader,
        .. years.Select(TargetHeader),
        KeyHeader,
    ];

    /// <summary>0 -> "A", 25 -> "Z", 26 -> "AA".</summary>
    public static string ColumnLetter(int index) => XlsxWriter.ColumnName(index);

    /// <summary>"A" -> 0, "AA" -> 26; -1 when the text is not a column name.</summary>
    public static int ColumnIndex(string letters)
    {
        if (letters.Length is 0 or > 3)
        {
            return -1;
        }

        var index = 0;
        foreach (var c in letters)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                return -1;
            }

            index = (index * 26) + (upper - 'A' + 1);
        }

        return index - 1;
    }
}
